import { screen, within } from '@testing-library/react';
import { renderWithConsole, stubApi } from '../../testing/render';
import { UnitScreen } from './UnitScreen';

const renderUnit = (path: string) =>
  renderWithConsole(<UnitScreen />, { path, pattern: '/organisation/:kind/:unitId' });

describe("a unit's page", () => {
  it('shows a squad with its product owner, members and OKRs', async () => {
    stubApi({
      '/api/org/squads/s1': {
        id: 's1',
        kind: 'squad',
        name: 'Player',
        purpose: 'Play music',
        status: 'active',
        tribeId: 't1',
        formedAt: '2026-01-02T00:00:00.000Z',
      },
      '/api/org/org/tree': {
        asOf: '2026-02-01T00:00:00.000Z',
        organisation: null,
        tribes: [
          {
            tribeId: 't1',
            name: 'Listening',
            mission: '',
            lead: null,
            squads: [
              {
                squadId: 's1',
                name: 'Player',
                mission: 'Play music',
                productOwner: { personId: 'p-ann', name: 'Ann Smith' },
                members: [{ personId: 'p-bob', name: 'Bob de Vries' }],
              },
            ],
            chapters: [],
          },
        ],
        guilds: [],
        withoutSquad: [],
      },
      '/api/goals/units/squad/s1/objectives': {
        cycleId: 'c1',
        objectives: [
          {
            objectiveId: 'o1',
            title: 'Ship the player',
            ownerName: 'Player',
            rolledUpProgress: 0.7,
            progress: 0.5,
            status: 'active',
          },
        ],
      },
    });
    renderUnit('/organisation/squad/s1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Squad Player' })).toBeVisible();
    const people = screen.getByRole('region', { name: 'People' });
    expect(await within(people).findByRole('link', { name: 'Ann Smith' })).toBeVisible();
    expect(within(people).getByText(/Product owner/)).toBeVisible();
    expect(within(people).getByRole('link', { name: 'Bob de Vries' })).toHaveAttribute(
      'href',
      '/organisation/people/p-bob',
    );
    const okrs = screen.getByRole('region', { name: 'OKRs of the current cycle' });
    expect(await within(okrs).findByRole('progressbar')).toHaveAttribute('aria-valuenow', '70');
  });

  it('knows no other kinds of unit', () => {
    const { calls } = stubApi({});
    renderUnit('/organisation/department/x');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Not found');
    expect(calls).toEqual([]);
  });
});
