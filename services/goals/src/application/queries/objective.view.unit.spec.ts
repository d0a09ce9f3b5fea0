import type { KeyResult, Objective } from '@rhythm/goals-domain';
import { objectiveViews, relativesOf } from './objective.view';

const keyResult = (current: number): KeyResult => ({
  keyResultId: 'k',
  title: 'k',
  metric: { type: 'number', unit: 'points', start: 0, target: 10, direction: 'increase' },
  current,
  owner: 'bob',
  weight: 1,
  achieved: current >= 10,
});

const objective = (
  objectiveId: string,
  parents: string[],
  current: number,
  status: Objective['status'] = 'active',
): Objective => ({
  status,
  objectiveId,
  cycleId: 'q1',
  title: objectiveId,
  description: '',
  owner: { kind: 'squad', id: 'checkout' },
  kind: 'committed',
  visibility: 'public',
  keyResults: current < 0 ? [] : [keyResult(current)],
  parents,
  followers: [],
  contributors: [],
  reviewNotes: [],
});

const ids = (objectives: readonly Objective[]) => objectives.map((o) => o.objectiveId);

describe('the relatives of listed objectives', () => {
  //   company ─ tribe ─ squad ─ task
  //          └ other        └ dropped (abandoned) ─ orphaned
  const company = objective('company', [], 2);
  const tribe = objective('tribe', ['company'], 4);
  const other = objective('other', ['company'], 6);
  const squad = objective('squad', ['tribe'], 8);
  const task = objective('task', ['squad'], 10);
  const dropped = objective('dropped', ['squad'], 0, 'abandoned');
  const orphaned = objective('orphaned', ['dropped'], 5);
  const cycle = [company, tribe, other, squad, task, dropped, orphaned];

  it('are the listed, their parents, and the live objectives beneath them', () => {
    expect(ids(relativesOf(cycle, new Set(['tribe'])))).toEqual([
      'company',
      'tribe',
      'squad',
      'task',
    ]);
    expect(ids(relativesOf(cycle, new Set(['task'])))).toEqual(['squad', 'task']);
  });

  it('give each listed objective the very view the whole cycle gives it', () => {
    const whole = new Map(objectiveViews(cycle).map((view) => [view.objectiveId, view]));
    for (const listed of ids(cycle)) {
      const [view] = objectiveViews(relativesOf(cycle, new Set([listed]))).filter(
        (shown) => shown.objectiveId === listed,
      );
      expect({ listed, view }).toEqual({ listed, view: whole.get(listed) });
    }
    // The abandoned child counts for nothing: squad rolls up (8 + 10) / 2.
    expect(whole.get('squad')).toMatchObject({ children: ['task'], rolledUpProgress: 0.9 });
  });

  it('give the same views on a random alignment forest as the whole of it', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const forest: Objective[] = [];
    for (let n = 0; n < 60; n += 1) {
      const parents = n === 0 || next() < 0.2 ? [] : [`o${Math.floor(next() * n)}`];
      if (n > 2 && next() < 0.15) parents.push(`o${Math.floor(next() * n)}`);
      forest.push(
        objective(
          `o${n}`,
          [...new Set(parents)],
          next() < 0.1 ? -1 : Math.floor(next() * 12),
          next() < 0.1 ? 'abandoned' : 'active',
        ),
      );
    }
    const whole = new Map(objectiveViews(forest).map((view) => [view.objectiveId, view]));
    for (let n = 0; n < 20; n += 1) {
      const listed = new Set([`o${Math.floor(next() * 60)}`, `o${Math.floor(next() * 60)}`]);
      for (const view of objectiveViews(relativesOf(forest, listed))) {
        if (listed.has(view.objectiveId)) expect(view).toEqual(whole.get(view.objectiveId));
      }
    }
  });
});
