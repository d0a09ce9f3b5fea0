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

  it('starts a new organisation: its founder establishes it, joins it and is signed in as that person', async () => {
    const { calls } = stubApi({
      '/api/session/providers': { development: true, oidc: false },
      'POST /api/session/development': (body: unknown) => ({
        ...(body as object),
        roles: ['admin'],
        method: 'development',
      }),
      'POST /api/org/organisation': { id: 'acme-2', revision: 1 },
      'POST /api/org/people': { id: '7f1c2d3e-0000-4000-8000-000000000001', revision: 1 },
    });
    const { router } = renderWithConsole(<SignInScreen />, { path: '/sign-in' });

    await userEvent.type(await screen.findByLabelText('New organisation id'), 'acme-2');
    await userEvent.type(screen.getByLabelText('Organisation name'), 'Acme Two');
    await userEvent.type(screen.getByLabelText('Your name'), 'Ada Lovelace');
    await userEvent.type(screen.getByLabelText('Your e-mail address'), 'ada@acme.example');
    await userEvent.click(screen.getByRole('button', { name: 'Start the organisation' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/organisation'));
    expect(
      calls.filter((call) => call.method === 'POST').map((call) => [call.path, call.body]),
    ).toEqual([
      [
        '/api/session/development',
        {
          organisationId: 'acme-2',
          personId: 'founder-ada-lovelace',
          name: 'Ada Lovelace',
          admin: true,
        },
      ],
      ['/api/org/organisation', { name: 'Acme Two' }],
      ['/api/org/people', { name: 'Ada Lovelace', email: 'ada@acme.example' }],
      [
        '/api/session/development',
        {
          organisationId: 'acme-2',
          personId: '7f1c2d3e-0000-4000-8000-000000000001',
          name: 'Ada Lovelace',
          admin: true,
        },
      ],
    ]);
  });
});
