import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithConsole, stubApi } from '../../testing/render';
import type { OrgTree } from './api';
import { OrganisationScreen } from './OrganisationScreen';

const ann = { personId: 'p-ann', name: 'Ann Smith' };
const bob = { personId: 'p-bob', name: 'Bob de Vries' };
const tree: OrgTree = {
  asOf: new Date().toISOString(),
  organisation: { organisationId: 'acme', name: 'Acme Music' },
  tribes: [
    {
      tribeId: 't1',
      name: 'Listening',
      mission: 'Music everywhere',
      lead: ann,
      squads: [
        { squadId: 's1', name: 'Player', mission: '', productOwner: null, members: [ann, bob] },
      ],
      chapters: [
        { chapterId: 'ch1', name: 'Testers', craft: 'Testing', lead: bob, members: [bob] },
      ],
    },
  ],
  guilds: [
    { guildId: 'g1', name: 'Accessibility', interest: '', coordinators: [ann], members: [ann] },
  ],
  withoutSquad: [],
};

const session = (roles: string[]) => ({
  personId: 'p-ann',
  organisationId: 'acme',
  roles,
  method: 'development',
});

describe('the organisation', () => {
  it('shows tribes with their squads, chapters and members, and guilds', async () => {
    stubApi({ '/api/org/org/tree': tree, '/api/session/': session([]) });
    renderWithConsole(<OrganisationScreen />, { path: '/organisation' });
    const tribe = await screen.findByRole('region', { name: 'Tribe Listening' });
    expect(within(tribe).getByText(/Tribe lead/)).toHaveTextContent('Tribe lead: Ann Smith');
    const squad = within(tribe).getByRole('region', { name: 'Squad Player' });
    expect(within(squad).getByText(/Product owner/)).toHaveTextContent('Product owner: vacant');
    expect(
      within(within(squad).getByRole('list', { name: 'Members of Player' })).getByRole('link', {
        name: 'Bob de Vries',
      }),
    ).toHaveAttribute('href', '/organisation/people/p-bob');
    expect(screen.getByRole('region', { name: 'Guild Accessibility' })).toBeInTheDocument();
    // Only admins add to the organisation.
    expect(
      screen.queryByRole('button', { name: 'Add to the organisation' }),
    ).not.toBeInTheDocument();
  });

  it('asks for the organisation as it stood at the end of a chosen day', async () => {
    const { calls } = stubApi({ '/api/org/org/tree': tree, '/api/session/': session([]) });
    renderWithConsole(<OrganisationScreen />, { path: '/organisation' });
    fireEvent.change(await screen.findByLabelText('Show the organisation as of'), {
      target: { value: '2026-02-14' },
    });
    await waitFor(() =>
      expect(calls.map((call) => call.path)).toContain(
        `/api/org/org/tree?asOf=${encodeURIComponent('2026-02-14T23:59:59.999Z')}`,
      ),
    );
    expect(screen.getByText(/as it stood at the end of 14 Feb 2026/)).toBeInTheDocument();
  });

  it("lets an admin add a squad, showing the service's word next to the field at fault", async () => {
    const { calls } = stubApi({
      '/api/org/org/tree': tree,
      '/api/session/': session(['admin']),
      'POST /api/org/squads': new Response(
        JSON.stringify({
          statusCode: 400,
          message: 'Invalid',
          fields: { name: 'must not be empty' },
        }),
        { status: 400, headers: { 'Content-Type': 'application/json' } },
      ),
    });
    renderWithConsole(<OrganisationScreen />, { path: '/organisation' });
    fireEvent.click(await screen.findByRole('button', { name: 'Add to the organisation' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'What to add' }), {
      target: { value: 'squad' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Tribe' }), { target: { value: 't1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));

    const name = screen.getByRole('textbox', { name: 'Name' });
    await waitFor(() => expect(name).toHaveAccessibleDescription('must not be empty'));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(calls.find((call) => call.method === 'POST')).toEqual({
      method: 'POST',
      path: '/api/org/squads',
      body: { tribeId: 't1', name: '' },
    });
  });
});
