import type { KeyResult, Objective, Owner } from '@rhythm/goals-domain';
import type { DirectoryUnit } from '../org-directory.port';
import { okrTreeView } from './okr-tree.view';

const keyResult = (keyResultId: string, current: number, weight = 1): KeyResult => ({
  keyResultId,
  title: keyResultId,
  metric: { type: 'number', unit: 'points', start: 0, target: 10, direction: 'increase' },
  current,
  owner: 'bob',
  weight,
  achieved: current >= 10,
});

const objective = (
  objectiveId: string,
  owner: Owner,
  keyResults: KeyResult[],
  parents: string[] = [],
  status: Objective['status'] = 'active',
): Objective => ({
  status,
  objectiveId,
  cycleId: 'q1',
  title: objectiveId,
  description: '',
  owner,
  kind: 'committed',
  visibility: 'public',
  keyResults,
  parents,
  followers: [],
  contributors: [],
  reviewNotes: [],
});

const units: DirectoryUnit[] = [
  { kind: 'tribe', id: 'payments', name: 'Payments', leadIds: [], memberIds: [], status: 'active' },
  {
    kind: 'squad',
    id: 'checkout',
    name: 'Checkout',
    tribeId: 'payments',
    leadIds: [],
    memberIds: [],
    status: 'active',
  },
  {
    kind: 'chapter',
    id: 'backend',
    name: 'Backend',
    tribeId: 'payments',
    leadIds: [],
    memberIds: [],
    status: 'active',
  },
];
const unitOf = (owner: Owner) => units.find((u) => u.kind === owner.kind && u.id === owner.id);

describe('the OKR tree of a cycle', () => {
  const company = objective('c', { kind: 'company', id: 'acme' }, []);
  const squad = objective(
    's',
    { kind: 'squad', id: 'checkout' },
    [keyResult('a', 4, 2), keyResult('b', 10, 1)],
    ['c'],
  );
  const chapter = objective('ch', { kind: 'chapter', id: 'backend' }, [keyResult('x', 2)], ['c']);
  const guild = objective('g', { kind: 'guild', id: 'web' }, [keyResult('y', 5)]);
  const dropped = objective(
    'd',
    { kind: 'squad', id: 'checkout' },
    [keyResult('z', 10)],
    ['c'],
    'abandoned',
  );
  const unknownSquad = objective('u', { kind: 'squad', id: 'ghost' }, [keyResult('w', 0)]);

  const tree = okrTreeView([company, squad, chapter, guild, dropped, unknownSquad], unitOf);
  const view = (id: string) => tree.objectives.find((o) => o.objectiveId === id)!;

  it('weighs key results by weight and rolls progress up through alignment', () => {
    // s: (2·0.4 + 1·1) / 3 = 0.6; ch: 0.2; c has no key results: the mean of its children.
    expect(view('s').progress).toBe(0.6);
    expect(view('c').progress).toBeNull();
    expect(view('c').rolledUpProgress).toBe(0.4);
    expect(view('c').children).toEqual(['s', 'ch']);
  });

  it('leaves abandoned objectives out of the roll-up', () => {
    expect(view('d').rolledUpProgress).toBeNull();
    expect(view('c').children).not.toContain('d');
  });

  it('places objectives under company, tribes with their squads and chapters, and guilds', () => {
    expect(tree.company).toMatchObject({ objectiveIds: ['c'], progress: 0.4 });
    expect(tree.tribes).toEqual([
      expect.objectContaining({
        id: 'payments',
        name: 'Payments',
        objectiveIds: [],
        squads: [
          expect.objectContaining({
            id: 'checkout',
            name: 'Checkout',
            objectiveIds: ['s', 'd'],
            progress: 0.6,
          }),
        ],
        chapters: [expect.objectContaining({ id: 'backend', objectiveIds: ['ch'], progress: 0.2 })],
      }),
    ]);
    expect(tree.guilds).toEqual([
      expect.objectContaining({ id: 'web', name: 'web', progress: 0.5 }),
    ]);
    expect(tree.unplaced).toEqual([expect.objectContaining({ id: 'ghost' })]);
    expect(tree.roots).toEqual(['c', 'g', 'u']);
  });

  it('names each objective’s owner as its node does: the id for an owner the directory lacks', () => {
    expect(tree.objectives.map((o) => [o.objectiveId, o.ownerName])).toEqual([
      ['c', 'acme'],
      ['s', 'Checkout'],
      ['ch', 'Backend'],
      ['g', 'web'],
      ['d', 'Checkout'],
      ['u', 'ghost'],
    ]);
  });

  it('counts only the objectives it is given: a hidden child changes nothing', () => {
    const withoutChapter = okrTreeView([company, squad, guild], unitOf);
    expect(withoutChapter.objectives.find((o) => o.objectiveId === 'c')!.rolledUpProgress).toBe(
      0.6,
    );
    expect(JSON.stringify(withoutChapter)).not.toContain('"ch"');
  });
});
