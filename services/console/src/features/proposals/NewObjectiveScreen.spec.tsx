import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import { NewObjectiveScreen } from './NewObjectiveScreen';

const orgTree = {
  asOf: '2026-03-01T00:00:00.000Z',
  organisation: { organisationId: 'acme', name: 'Acme' },
  tribes: [
    {
      tribeId: 'tribe-music',
      name: 'Music',
      mission: '',
      lead: { personId: 'tara', name: 'Tara' },
      squads: [
        {
          squadId: 'squad-play',
          name: 'Playback',
          mission: '',
          productOwner: { personId: 'pia', name: 'Pia' },
          members: [
            { personId: 'pia', name: 'Pia' },
            { personId: 'sam', name: 'Sam' },
          ],
        },
      ],
      chapters: [],
    },
  ],
  guilds: [],
  withoutSquad: [],
};

describe('creating an objective', () => {
  it("defines the squad's objective, its key result, aligns it to the company's and activates it", async () => {
    const { calls } = stubApi({
      '/api/session/': {
        personId: 'pia',
        organisationId: 'acme',
        roles: ['member'],
        method: 'development',
      },
      '/api/org/org/tree': orgTree,
      '/api/goals/cycles': [
        {
          cycleId: '2026-q1',
          name: 'Q1 2026',
          startsOn: '2026-01-01',
          endsOn: '2026-03-31',
          status: 'active',
        },
      ],
      '/api/goals/units/company/acme/objectives?cycleId=2026-q1': {
        objectives: [{ objectiveId: 'o-co', title: 'Customers love us', status: 'active' }],
      },
      'POST /api/goals/objectives': { id: 'o-sq', revision: 0 },
      'POST /api/goals/objectives/o-sq/key-results': {
        id: 'o-sq',
        revision: 1,
        keyResultId: 'k-1',
      },
      'POST /api/goals/objectives/o-sq/alignments': { id: 'o-sq', revision: 2 },
      'POST /api/goals/objectives/o-sq/activate': { id: 'o-sq', revision: 3 },
    });
    const { router } = renderWithConsole(<NewObjectiveScreen />, {
      path: '/proposals/new-objective',
    });

    // Pia leads Playback: it is the owner offered first.
    expect(await screen.findByRole('combobox', { name: 'Owner' })).toHaveValue('squad:squad-play');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Objective' }),
      'Playback feels instant',
    );
    const keyResult = within(screen.getByRole('group', { name: 'Key result 1' }));
    await userEvent.type(keyResult.getByRole('textbox', { name: 'Key result' }), 'Start fast');
    await userEvent.type(keyResult.getByRole('spinbutton', { name: 'Target value' }), '1000');
    const alignment = within(screen.getByRole('group', { name: 'Contributes to' }));
    const parent = alignment.getByRole('combobox', { name: 'Parent objective' });
    await within(parent).findByRole('option', { name: 'Customers love us' });
    await userEvent.selectOptions(parent, 'o-co');
    await userEvent.click(screen.getByRole('button', { name: 'Create objective' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/objectives/o-sq'));
    expect(
      calls.filter((call) => call.method === 'POST').map((call) => [call.path, call.body]),
    ).toEqual([
      [
        '/api/goals/objectives',
        {
          cycleId: '2026-q1',
          owner: { kind: 'squad', id: 'squad-play' },
          title: 'Playback feels instant',
          description: '',
          kind: 'committed',
          visibility: 'public',
        },
      ],
      [
        '/api/goals/objectives/o-sq/key-results',
        {
          title: 'Start fast',
          metric: { type: 'number', unit: '', start: 0, target: 1000, direction: 'increase' },
          owner: 'pia',
          weight: 1,
        },
      ],
      ['/api/goals/objectives/o-sq/alignments', { parentObjectiveId: 'o-co' }],
      ['/api/goals/objectives/o-sq/activate', {}],
    ]);
  });
});
