import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import { safeNext, SignInScreen } from './SignInScreen';

describe('signing in', () => {
  it('goes back only to a path of this console', () => {
    expect(safeNext('/objectives/o-1')).toBe('/objectives/o-1');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });

  it('offers the people of the organisation and signs in as the one picked', async () => {
    const { calls } = stubApi({
      '/api/session/providers': { development: true, oidc: false },
      '/api/session/development/people?organisationId=acme': [
        { personId: 'ada', name: 'Ada', leads: ['Squad Payments'] },
        { personId: 'bob', name: 'Bob' },
      ],
      'POST /api/session/development': (body: unknown) => ({
        ...(body as object),
        name: 'Bob',
        roles: ['member'],
        method: 'development',
      }),
    });
    const { router } = renderWithConsole(<SignInScreen />, { path: '/sign-in?next=/tree' });

    await userEvent.click(await screen.findByRole('button', { name: 'Show people' }));
    await userEvent.click(await screen.findByRole('radio', { name: 'Bob' }));
    expect(screen.getByRole('radio', { name: /Ada/ })).toHaveAccessibleName('Ada — Squad Payments');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/tree'));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      organisationId: 'acme',
      personId: 'bob',
      admin: false,
    });
  });

  it('shows the OpenID Connect sign-in when the gateway has a provider', async () => {
    stubApi({ '/api/session/providers': { development: false, oidc: true } });
    renderWithConsole(<SignInScreen />, { path: '/sign-in?next=/insights' });
    expect(
      await screen.findByRole('link', { name: "Sign in with your organisation's account" }),
    ).toHaveAttribute('href', '/auth/login?next=%2Finsights');
    expect(screen.queryByRole('heading', { name: 'Development sign-in' })).not.toBeInTheDocument();
  });
});
