import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithConsole, stubApi } from '../../testing/render';
import type { Blocker } from './api';
import { BlockersScreen } from './BlockersScreen';

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
          members: [{ personId: 'sam', name: 'Sam' }],
        },
      ],
      chapters: [],
    },
  ],
  guilds: [],
  withoutSquad: [],
};

const blocker = (id: string, overrides: Partial<Blocker>): Blocker => ({
  blockerId: id,
  objectiveId: 'o-1',
  target: { kind: 'objective', objectiveId: 'o-1' },
  description: `Blocker ${id}`,
  waitsOn: { kind: 'outside', name: 'the data team' },
  raisedBy: 'sam',
  unit: { kind: 'squad', id: 'squad-play' },
  ownerIds: ['pia'],
  owners: [{ ownerIds: ['pia'], from: '2026-02-01T09:00:00Z' }],
  status: 'open',
  awaitingAcknowledgement: true,
  raisedAt: '2026-02-01T09:00:00Z',
  ...overrides,
});

const blockers = [
  blocker('raised', {}),
  blocker('seen', { awaitingAcknowledgement: false, firstAcknowledgedAt: '2026-02-01T10:00:00Z' }),
  blocker('up', {
    ownerIds: ['tara'],
    owners: [
      { ownerIds: ['pia'], from: '2026-02-01T09:00:00Z' },
      { ownerIds: ['tara'], from: '2026-02-03T09:00:00Z' },
    ],
    escalatedTo: { kind: 'tribe', id: 'tribe-music' },
    escalatedAt: '2026-02-03T09:00:00Z',
  }),
  blocker('done', {
    status: 'resolved',
    awaitingAcknowledgement: false,
    resolvedAt: '2026-02-01T14:00:00Z',
    resolvedBy: 'pia',
    resolution: 'Data team shipped the export',
  }),
];

function boardAs(personId: string) {
  return stubApi({
    '/api/session/': { personId, organisationId: 'acme', roles: ['member'], method: 'development' },
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
    '/api/goals/units/squad/squad-play/objectives?cycleId=2026-q1': {
      unit: { kind: 'squad', id: 'squad-play', name: 'Playback' },
      cycleId: '2026-q1',
      objectives: [{ objectiveId: 'o-1', title: 'Playback feels instant', status: 'active' }],
    },
    '/api/goals/units/tribe/tribe-music/objectives?cycleId=2026-q1': {
      unit: { kind: 'tribe', id: 'tribe-music', name: 'Music' },
      cycleId: '2026-q1',
      objectives: [],
    },
    '/api/checkins/statistics/units/tribe/tribe-music': {
      asOf: '2026-03-01T00:00:00Z',
      window: { weeks: 12, from: '2025-12-07T00:00:00Z' },
      blockers: {
        raised: 0,
        toAcknowledge: { count: 0, pending: 0, p50Ms: null, p90Ms: null },
        toResolve: { count: 0, pending: 0, p50Ms: null, p90Ms: null },
      },
    },
    '/api/checkins/objectives/o-1/blockers': blockers,
    '/api/checkins/statistics/units/squad/squad-play': {
      asOf: '2026-03-01T00:00:00Z',
      window: { weeks: 12, from: '2025-12-07T00:00:00Z' },
      blockers: {
        raised: 4,
        toAcknowledge: { count: 2, pending: 1, p50Ms: 3_600_000, p90Ms: 3_600_000 },
        toResolve: { count: 1, pending: 3, p50Ms: 5 * 3_600_000, p90Ms: 5 * 3_600_000 },
      },
    },
    'POST /api/checkins/blockers/raised/acknowledge': { id: 'raised', revision: 1 },
    'POST /api/checkins/blockers/seen/resolve': { id: 'seen', revision: 2 },
  });
}

const column = (name: string) => screen.getByRole('region', { name: new RegExp(`^${name}`) });

describe('the blockers board', () => {
  it("puts each of a unit's blockers in the column of its state, with time to resolve", async () => {
    boardAs('sam');
    renderWithConsole(<BlockersScreen />, { path: '/blockers?unit=squad:squad-play' });
    await screen.findByText('Blocker raised');
    expect(within(column('Raised')).getByText('Blocker raised')).toBeInTheDocument();
    expect(within(column('Acknowledged')).getByText('Blocker seen')).toBeInTheDocument();
    expect(within(column('Escalated')).getByText('Blocker up')).toBeInTheDocument();
    const resolved = within(column('Resolved'));
    expect(resolved.getByText('Blocker done')).toBeInTheDocument();
    expect(resolved.getByText('5 hours')).toBeInTheDocument();
    expect(
      await screen.findByText(/Median time to resolve: 5 hours \(1 blocker resolved/),
    ).toBeInTheDocument();
  });

  it('shows the lead it is routed to the acknowledge button, and no one else', async () => {
    const { calls } = boardAs('pia');
    renderWithConsole(<BlockersScreen />, { path: '/blockers?unit=squad:squad-play' });
    await screen.findByText('Blocker raised');
    const raised = within(column('Raised'));
    await userEvent.click(raised.getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() =>
      expect(calls.some((call) => call.path === '/api/checkins/blockers/raised/acknowledge')).toBe(
        true,
      ),
    );
    // Pia no longer owns the escalated one (Tara does), but owned it before: she may resolve it,
    // not acknowledge or escalate it again.
    const escalated = within(column('Escalated'));
    expect(escalated.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    expect(escalated.queryByRole('button', { name: 'Escalate' })).not.toBeInTheDocument();
    expect(escalated.getByRole('button', { name: 'Resolve blocker' })).toBeInTheDocument();
    expect(within(column('Resolved')).queryByRole('button')).not.toBeInTheDocument();
  });

  it('lets the one who raised it escalate or resolve it, but not acknowledge it', async () => {
    const { calls } = boardAs('sam');
    renderWithConsole(<BlockersScreen />, { path: '/blockers?unit=squad:squad-play' });
    await screen.findByText('Blocker raised');
    const raised = within(column('Raised'));
    expect(raised.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    expect(raised.getByRole('button', { name: 'Escalate' })).toBeInTheDocument();

    const seen = within(column('Acknowledged'));
    const resolve = seen.getByRole('button', { name: 'Resolve blocker' });
    expect(resolve).toBeDisabled();
    await userEvent.type(
      seen.getByRole('textbox', { name: 'How “Blocker seen” was resolved' }),
      'Found another source',
    );
    await userEvent.click(resolve);
    await waitFor(() =>
      expect(calls.find((call) => call.path.endsWith('/seen/resolve'))?.body).toEqual({
        note: 'Found another source',
      }),
    );
  });

  it("shows on a tribe's board its squads' blockers escalated to it, and no others", async () => {
    boardAs('tara');
    renderWithConsole(<BlockersScreen />, { path: '/blockers?unit=tribe:tribe-music' });
    const escalated = within(await screen.findByRole('region', { name: /^Escalated/ }));
    expect(await escalated.findByText('Blocker up')).toBeInTheDocument();
    expect(screen.queryByText('Blocker raised')).not.toBeInTheDocument();
    expect(screen.queryByText('Blocker seen')).not.toBeInTheDocument();
    expect(screen.queryByText('Blocker done')).not.toBeInTheDocument();
  });
});
