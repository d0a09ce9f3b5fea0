import { screen, within } from '@testing-library/react';
import { renderWithConsole, stubApi } from '../../testing/render';
import { PersonScreen } from './PersonScreen';

const renderPerson = () =>
  renderWithConsole(<PersonScreen />, {
    path: '/organisation/people/p-bob',
    pattern: '/organisation/people/:personId',
  });

describe("a person's page", () => {
  it('shows where they belong, their OKRs, kudos received and membership history', async () => {
    stubApi({
      '/api/org/people/p-bob': {
        personId: 'p-bob',
        name: 'Bob de Vries',
        status: 'in-organisation',
        joinedAt: '2026-01-05T09:00:00.000Z',
        squad: { id: 's1', name: 'Player', tribe: { id: 't1', name: 'Listening' } },
        chapter: { id: 'ch1', name: 'Testers' },
        guilds: [],
      },
      '/api/org/people/p-bob/memberships': [
        {
          kind: 'squad',
          unitId: 's0',
          unitName: 'Search',
          from: '2026-01-05T09:00:00.000Z',
          to: '2026-02-01T09:00:00.000Z',
          endedBy: 'moved',
        },
      ],
      '/api/goals/people/p-bob/okrs': {
        personId: 'p-bob',
        cycleId: 'c1',
        owned: [
          {
            objectiveId: 'o1',
            title: 'Ship the player',
            ownerName: 'Bob',
            rolledUpProgress: 0.25,
            progress: 0.25,
            status: 'active',
          },
        ],
        contributed: [],
        followed: [],
      },
      '/api/recognition/people/p-bob/kudos/received': {
        personId: 'p-bob',
        kudos: [
          {
            kudosId: 'k1',
            giverId: 'p-ann',
            receiverIds: ['p-bob'],
            message: 'Thanks for the release!',
            values: [],
            givenAt: '2026-02-02T10:00:00.000Z',
          },
        ],
      },
      '/api/org/org/tree': {
        asOf: '2026-02-02T10:00:00.000Z',
        organisation: null,
        tribes: [],
        guilds: [],
        withoutSquad: [{ personId: 'p-ann', name: 'Ann Smith' }],
      },
    });
    renderPerson();
    expect(await screen.findByRole('heading', { level: 1, name: 'Bob de Vries' })).toBeVisible();
    expect(screen.getByText('Player (tribe Listening)')).toBeVisible();
    const okrs = screen.getByRole('region', { name: 'OKRs' });
    expect(await within(okrs).findByRole('link', { name: 'Ship the player' })).toHaveAttribute(
      'href',
      '/objectives/o1',
    );
    expect(within(okrs).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25');
    const kudos = screen.getByRole('region', { name: 'Kudos received' });
    expect(await within(kudos).findByText('Thanks for the release!')).toBeVisible();
    expect(await within(kudos).findByText('From Ann Smith, 2 Feb 2026')).toBeVisible();
    const history = screen.getByRole('region', { name: 'Squads, chapters and guilds over time' });
    expect(await within(history).findByRole('cell', { name: 'Squad Search' })).toBeVisible();
  });

  it('says "not found, or you may not see it" for someone unknown', async () => {
    stubApi({});
    renderPerson();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not found. It does not exist, or you may not see it.',
    );
  });
});
