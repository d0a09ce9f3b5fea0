import type { CycleTree, Objective } from './api';
import { isBehindPace, outlineOf } from './tree-outline';

const objective = (id: string, owner: Objective['owner'], progress: number): Objective => ({
  objectiveId: id,
  cycleId: 'c1',
  title: id,
  owner,
  ownerName: owner.id,
  visibility: 'public',
  status: 'active',
  achieved: false,
  progress,
  rolledUpProgress: progress,
  keyResults: [],
  parents: [],
  children: [],
});

const tree: CycleTree = {
  cycle: {
    cycleId: 'c1',
    name: 'Q1',
    startsOn: '2026-01-01',
    endsOn: '2026-03-31',
    status: 'active',
  },
  asOf: null,
  objectives: [
    objective('guild-goal', { kind: 'guild', id: 'g1' }, 0.9),
    objective('ann-goal', { kind: 'person', id: 'p-ann' }, 0),
    objective('lost-goal', { kind: 'squad', id: 's-unknown' }, 0.5),
  ],
  roots: [],
  company: null,
  tribes: [],
  guilds: [
    { kind: 'guild', id: 'g1', name: 'Accessibility', objectiveIds: ['guild-goal'], progress: 0.9 },
  ],
  people: [{ kind: 'person', id: 'p-ann', name: 'Ann', objectiveIds: ['ann-goal'], progress: 0 }],
  unplaced: [
    {
      kind: 'squad',
      id: 's-unknown',
      name: 's-unknown',
      objectiveIds: ['lost-goal'],
      progress: 0.5,
    },
  ],
};

// Halfway through the quarter.
const halfway = new Date('2026-02-15T00:00:00Z');

describe('the outline of the tree', () => {
  it('puts guilds, people and units without a tribe in groups of their own', () => {
    const outline = outlineOf(tree, {}, halfway);
    expect(
      outline.map((branch) => [branch.key, branch.branches.map((inner) => inner.key)]),
    ).toEqual([
      ['guilds', ['guild:g1']],
      ['people', ['person:p-ann']],
      ['unplaced', ['squad:s-unknown']],
    ]);
  });

  it('keeps only the branches with an objective at risk when asked', () => {
    const outline = outlineOf(tree, { atRisk: true }, halfway);
    expect(outline.map((branch) => branch.key)).toEqual(['people']);
    expect(outline[0].branches[0].objectives.map((o) => o.objectiveId)).toEqual(['ann-goal']);
  });

  it('judges pace by the share of the cycle gone', () => {
    const late = objective('late', { kind: 'guild', id: 'g1' }, 0.2);
    // Halfway: 20 % trails 50 % by more than 25 points; at the start nothing is behind.
    expect(isBehindPace(late, 0.5)).toBe(true);
    expect(isBehindPace(late, 0.4)).toBe(false);
    expect(isBehindPace({ ...late, achieved: true }, 0.9)).toBe(false);
  });
});
