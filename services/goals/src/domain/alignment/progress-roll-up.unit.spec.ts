import type { RollUpNode } from './progress-roll-up';
import { ownProgress, rollUpProgress } from './progress-roll-up';

const node = (
  objectiveId: string,
  keyResults: [weight: number, progress: number][],
  parents: string[] = [],
): RollUpNode => ({
  objectiveId,
  keyResults: keyResults.map(([weight, progress]) => ({ weight, progress })),
  parents,
});

describe('Progress roll-up', () => {
  describe("an objective's own progress", () => {
    it.each<[string, [number, number][], number | undefined]>([
      ['one key result', [[1, 0.4]], 0.4],
      [
        'equal weights',
        [
          [1, 0.2],
          [1, 0.6],
        ],
        0.4,
      ],
      [
        'weight 3 to 1',
        [
          [3, 1],
          [1, 0],
        ],
        0.75,
      ],
      [
        'overachievement clamped',
        [
          [1, 2],
          [1, 0],
        ],
        0.5,
      ],
      [
        'regression clamped',
        [
          [1, -0.5],
          [1, 0.5],
        ],
        0.25,
      ],
      ['no key results', [], undefined],
    ])('%s', (_, keyResults, expected) => {
      const progress = ownProgress(keyResults.map(([weight, p]) => ({ weight, progress: p })));
      if (expected === undefined) expect(progress).toBeUndefined();
      else expect(progress).toBeCloseTo(expected, 10);
    });
  });

  describe('through the alignment tree', () => {
    // company (no KRs) ← tribe (1 KR at 0.5) ← squads A (0.9) and B (0.3); chapter ← squad A.
    const tree = [
      node('company', []),
      node('tribe', [[1, 0.5]], ['company']),
      node(
        'squad-a',
        [
          [2, 1],
          [1, 0.7],
        ],
        ['tribe'],
      ),
      node('squad-b', [[1, 0.3]], ['tribe']),
      node('chapter', [[1, 0.6]], ['squad-a']),
    ];
    const progress = rollUpProgress(tree);
    const rolledUp = (id: string) => progress.get(id)?.rolledUp;

    it.each<[string, number]>([
      ['chapter', 0.6], // a leaf: its own progress
      ['squad-b', 0.3],
      ['squad-a', (2 * 0.9 + 0.6) / 3], // own (2·1 + 0.7)/3 = 0.9 over 2 KRs, plus the chapter as one
      ['tribe', (1 * 0.5 + 0.8 + 0.3) / 3],
      ['company', (1 * 0.5 + 0.8 + 0.3) / 3], // no KRs: the mean of its one child, the tribe
    ])('%s rolls up to %d', (id, expected) => expect(rolledUp(id)).toBeCloseTo(expected, 8));

    it('keeps own progress apart from the roll-up', () =>
      expect(progress.get('squad-a')).toMatchObject({ own: 0.9, counted: ['chapter'] }));

    it('counts a child aligned to two parents fully for each', () => {
      const shared = rollUpProgress([
        node('p1', [[1, 0]]),
        node('p2', [[1, 1]]),
        node('child', [[1, 0.5]], ['p1', 'p2', 'p2']),
      ]);
      expect(shared.get('p1')?.rolledUp).toBeCloseTo(0.25, 10);
      expect(shared.get('p2')?.rolledUp).toBeCloseTo(0.75, 10);
    });

    it('leaves out children without any progress to show', () => {
      const withDraft = rollUpProgress([node('parent', [[1, 0.8]]), node('draft', [], ['parent'])]);
      expect(withDraft.get('parent')).toEqual({ own: 0.8, rolledUp: 0.8, counted: [] });
      expect(withDraft.get('draft')).toEqual({ own: undefined, rolledUp: undefined, counted: [] });
    });

    it('ignores parents outside the tree', () =>
      expect(
        rollUpProgress([node('squad', [[1, 0.4]], ['elsewhere'])]).get('squad')?.rolledUp,
      ).toBeCloseTo(0.4, 10));

    it('terminates on data that holds a loop', () => {
      const looped = rollUpProgress([node('a', [[1, 1]], ['b']), node('b', [[1, 0]], ['a'])]);
      expect(looped.get('a')?.rolledUp).toBeDefined();
      expect(looped.get('b')?.rolledUp).toBeDefined();
    });
  });
});
