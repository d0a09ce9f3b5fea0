import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithConsole, stubApi } from '../../testing/render';
import type { CycleTree, KeyResult, Objective, OkrChanges } from './api';
import { OkrTreeScreen } from './OkrTreeScreen';

// Radix's slider measures its thumb; jsdom has no ResizeObserver.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;

const day = 86_400_000;
const isoDate = (moment: number) => new Date(moment).toISOString().slice(0, 10);
// A cycle that started 30 days ago and runs 90 days: a third of it is gone.
const cycle = {
  cycleId: 'c1',
  name: 'Q1',
  startsOn: isoDate(Date.now() - 30 * day),
  endsOn: isoDate(Date.now() + 59 * day),
  status: 'active' as const,
};

const keyResult = (id: string, title: string, progress: number, owner = 'p-ann'): KeyResult => ({
  keyResultId: id,
  title,
  metric: { type: 'number', unit: 'points', start: 0, target: 100, direction: 'increase' },
  current: progress * 100,
  progress,
  owner,
  weight: 1,
  achieved: false,
});

const objective = (
  id: string,
  title: string,
  owner: Objective['owner'],
  progress: number,
  rolledUpProgress: number,
  keyResults: KeyResult[] = [],
): Objective => ({
  objectiveId: id,
  cycleId: 'c1',
  title,
  owner,
  ownerName: owner.id,
  visibility: 'public',
  status: 'active',
  achieved: false,
  progress,
  rolledUpProgress,
  keyResults,
  parents: [],
  children: [],
});

const tree: CycleTree = {
  cycle,
  asOf: null,
  objectives: [
    // Its own key result is at 10 %, but the squad objective aligned to it lifts it to 55 %.
    objective('o-company', 'Win the market', { kind: 'company', id: 'acme' }, 0.1, 0.55, [
      keyResult('kr-1', 'Reach 100 customers', 0.1),
    ]),
    objective('o-squad', 'Ship the player', { kind: 'squad', id: 's1' }, 1, 1, [
      keyResult('kr-2', 'Release 3 features', 1, 'p-bob'),
    ]),
    // A third of the cycle is gone and it is at 5 %: behind pace.
    objective('o-chapter', 'Grow testing skills', { kind: 'chapter', id: 'ch1' }, 0.05, 0.05, [
      keyResult('kr-3', 'Run 4 workshops', 0.05, 'p-bob'),
    ]),
  ],
  roots: ['o-company', 'o-chapter'],
  company: {
    kind: 'company',
    id: 'acme',
    name: 'Acme Music',
    objectiveIds: ['o-company'],
    progress: 0.55,
  },
  tribes: [
    {
      kind: 'tribe',
      id: 't1',
      name: 'Listening',
      objectiveIds: [],
      progress: null,
      squads: [{ kind: 'squad', id: 's1', name: 'Player', objectiveIds: ['o-squad'], progress: 1 }],
      chapters: [
        {
          kind: 'chapter',
          id: 'ch1',
          name: 'Testers',
          objectiveIds: ['o-chapter'],
          progress: 0.05,
        },
      ],
    },
  ],
  guilds: [],
  people: [],
  unplaced: [],
};

const changes: OkrChanges = {
  cycleId: 'c1',
  from: cycle.startsOn,
  to: new Date().toISOString(),
  changes: [
    {
      kind: 'progressed',
      objectiveId: 'o-squad',
      keyResultId: 'kr-2',
      value: { before: 1, after: 3 },
      progress: { before: 0.3333, after: 1 },
      because: [
        {
          eventType: 'KeyResultProgressed',
          actor: 'p-bob',
          occurredAt: new Date(Date.now() - 2 * day).toISOString(),
          reason: 'released the queue',
        },
      ],
    },
  ],
};

const orgTree = {
  asOf: new Date().toISOString(),
  organisation: { organisationId: 'acme', name: 'Acme Music' },
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
          mission: '',
          productOwner: null,
          members: [
            { personId: 'p-ann', name: 'Ann Smith' },
            { personId: 'p-bob', name: 'Bob de Vries' },
          ],
        },
      ],
      chapters: [],
    },
  ],
  guilds: [],
  withoutSquad: [],
};

function stubGoals(extra: Record<string, unknown> = {}) {
  return stubApi({
    '/api/goals/cycles/c1/tree': tree,
    '/api/goals/cycles/c1': cycle,
    '/api/goals/cycles': [cycle],
    '/api/goals/cycles/c1/changes': changes,
    '/api/checkins/objectives/o-squad/key-results/kr-2/check-ins': {
      previous: { band: 'at-risk', confidence: 5 },
      checkIns: [],
    },
    '/api/org/org/tree': orgTree,
    '/api/session/': {
      personId: 'p-ann',
      organisationId: 'acme',
      roles: [],
      method: 'development',
    },
    ...extra,
  });
}

const renderTree = (path = '/cycles/c1/tree') =>
  renderWithConsole(<OkrTreeScreen />, { path, pattern: '/cycles/:cycleId/tree' });

describe('the OKR tree', () => {
  it('shows units with rolled-up progress, opening a unit and an objective on demand', async () => {
    stubGoals();
    renderTree();

    const company = await screen.findByRole('progressbar', { name: 'Progress of Win the market' });
    // The roll-up (with the aligned squad objective), not the objective's own 10 %.
    expect(company).toHaveAttribute('aria-valuenow', '55');
    expect(screen.getByRole('link', { name: 'Win the market' })).toHaveAttribute(
      'href',
      '/objectives/o-company',
    );
    // Below the top level, units start closed.
    expect(screen.queryByRole('link', { name: 'Ship the player' })).not.toBeInTheDocument();
    const squad = screen.getByRole('button', { name: /Squad Player/ });
    expect(squad).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(squad);
    expect(squad).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('link', { name: 'Ship the player' })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Key results of Ship the player' }));
    expect(
      screen.getByRole('progressbar', { name: 'Progress of Release 3 features' }),
    ).toHaveAttribute('aria-valuenow', '100');
    // The key result's latest check-in's confidence, in words and colour.
    const keyResult = screen.getByText('Release 3 features').closest('li') as HTMLElement;
    expect(await within(keyResult).findByText('At risk')).toBeInTheDocument();
  });

  it('shows no confidence in a past tree: it is known only as it is now', async () => {
    const { calls } = stubGoals({
      '/api/goals/cycles/c1/tree': { ...tree, asOf: new Date(Date.now() - 3 * day).toISOString() },
    });
    renderTree(`/cycles/c1/tree?asOf=${new Date(Date.now() - 3 * day).toISOString()}`);
    fireEvent.click(await screen.findByRole('button', { name: /Squad Player/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Key results of Ship the player' }));
    expect(screen.getByText('Release 3 features')).toBeInTheDocument();
    expect(screen.queryByText('No check-in yet')).not.toBeInTheDocument();
    expect(calls.some((call) => call.path.startsWith('/api/checkins'))).toBe(false);
  });

  it('narrows to the objectives at risk, and to an owner', async () => {
    stubGoals();
    renderTree();
    await screen.findByRole('link', { name: 'Win the market' });
    const inTree = (title: string) =>
      within(screen.getByRole('list', { name: 'OKR tree' })).queryByRole('link', { name: title });

    fireEvent.click(screen.getByRole('checkbox', { name: /Only at risk/ }));
    // 5 % with a third of the cycle gone is behind pace; 55 % and 100 % are not.
    await waitFor(() => expect(inTree('Grow testing skills')).toBeInTheDocument());
    expect(screen.getByText('Behind pace')).toBeInTheDocument();
    expect(inTree('Win the market')).not.toBeInTheDocument();
    expect(inTree('Ship the player')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('checkbox', { name: /Only at risk/ }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Owner' }), {
      target: { value: 'p-bob' },
    });
    // Bob owns key results of the squad's and the chapter's objectives, not the company's.
    await waitFor(() => expect(inTree('Ship the player')).toBeInTheDocument());
    expect(inTree('Grow testing skills')).toBeInTheDocument();
    expect(inTree('Win the market')).not.toBeInTheDocument();
  });

  it('filters by unit', async () => {
    stubGoals();
    renderTree('/cycles/c1/tree?unit=squad:s1');
    const tree = await screen.findByRole('list', { name: 'OKR tree' });
    expect(within(tree).getByRole('link', { name: 'Ship the player' })).toBeInTheDocument();
    expect(within(tree).queryByRole('link', { name: 'Win the market' })).not.toBeInTheDocument();
    expect(
      within(tree).queryByRole('link', { name: 'Grow testing skills' }),
    ).not.toBeInTheDocument();
  });

  it('asks for the tree as of the day the slider settles on, once', async () => {
    const { calls } = stubGoals();
    renderTree();
    const thumb = await screen.findByRole('slider', { name: 'Show the tree as of' });
    expect(screen.getByText('Showing the tree as of now')).toBeInTheDocument();

    fireEvent.keyDown(thumb, { key: 'ArrowLeft' });
    fireEvent.keyDown(thumb, { key: 'ArrowLeft' });
    const twoDaysAgo = Date.parse(`${isoDate(Date.now() - 2 * day)}T00:00:00Z`) + day - 1;
    const expected = `asOf=${encodeURIComponent(new Date(twoDaysAgo).toISOString())}`;
    await waitFor(() =>
      expect(calls.filter((call) => call.path.includes('/tree?'))).toEqual([
        expect.objectContaining({ path: `/api/goals/cycles/c1/tree?${expected}` }),
      ]),
    );
  });

  it('steps to just before the latest change', async () => {
    const { calls } = stubGoals();
    renderTree();
    const before = await screen.findByRole('button', { name: 'Before the previous change' });
    await waitFor(() => expect(before).toBeEnabled());
    fireEvent.click(before);
    const changedAt = Date.parse(changes.changes[0].because[0].occurredAt);
    await waitFor(() =>
      expect(calls.map((call) => call.path)).toContain(
        `/api/goals/cycles/c1/tree?asOf=${encodeURIComponent(new Date(changedAt - 1).toISOString())}`,
      ),
    );
  });

  it('lists what changed between two dates: what, before → after, who and why', async () => {
    const { calls } = stubGoals();
    renderTree();
    const list = await screen.findByRole('list', { name: 'Changes between the dates' });
    const item = within(list).getByRole('listitem');
    expect(within(item).getByRole('link', { name: 'Ship the player' })).toBeInTheDocument();
    expect(item).toHaveTextContent('Release 3 features');
    expect(item).toHaveTextContent('Value: 1 → 3 (33% → 100%)');
    expect(item).toHaveTextContent('By Bob de Vries on');
    expect(item).toHaveTextContent('why: “released the queue”');
    // A week back by default (the cycle began earlier), to now.
    const weekAgo = isoDate(Date.now() - 7 * day);
    expect(calls.map((call) => call.path)).toContainEqual(
      expect.stringContaining(`/api/goals/cycles/c1/changes?from=${weekAgo}T00%3A00%3A00.000Z&to=`),
    );
  });

  it('shows the sharing control only to leads and admins', async () => {
    stubGoals();
    renderTree();
    await screen.findByRole('link', { name: 'Win the market' });
    expect(screen.queryByRole('button', { name: 'Share as TV board' })).not.toBeInTheDocument();
  });

  it('lets an admin make a board link and shows it once', async () => {
    const { calls } = stubGoals({
      '/api/session/': {
        personId: 'p-ann',
        organisationId: 'acme',
        roles: ['admin'],
        method: 'development',
      },
      'POST /api/goals/boards': { boardId: 'b1', token: 'abc.sig' },
      '/api/goals/boards': [],
    });
    renderTree();
    fireEvent.click(await screen.findByRole('button', { name: 'Share as TV board' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Title on the board (optional)' }), {
      target: { value: 'Office screen' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create board link' }));
    expect(await screen.findByRole('link', { name: /\/board\/abc\.sig$/ })).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      scope: { kind: 'company' },
      cycleId: 'c1',
      title: 'Office screen',
    });
  });
});
