import type { ObjectiveKind } from '../objective/objective-draft';
import type { ScoringRule } from './scoring-rule';
import { googleZonesRule, linearRule } from './scoring-rule';
import type { Grade, KeyResultScoreInput } from './scoring.policy';
import { gradeOf, scoreFromProgress, scoreObjective, successBar } from './scoring.policy';

describe('Scoring policy', () => {
  describe('a key result from its progress', () => {
    it.each<[ScoringRule, number, number]>([
      [linearRule, -0.5, 0],
      [linearRule, 0, 0],
      [linearRule, 0.333333, 0.33],
      [linearRule, 0.7, 0.7],
      [linearRule, 1, 1],
      [linearRule, 1.8, 1],
      [googleZonesRule, -0.5, 0],
      [googleZonesRule, 0.29, 0],
      [googleZonesRule, 0.3, 0.3],
      [googleZonesRule, 0.69, 0.3],
      [googleZonesRule, 0.7, 0.7],
      [googleZonesRule, (8 - 5.9) / (8 - 5), 0.7], // 0.6999…98: decimals do not cost a zone
      [googleZonesRule, 0.99, 0.7],
      [googleZonesRule, 1, 1],
      [googleZonesRule, 1.5, 1],
    ])('%j at progress %d scores %d', (rule, progress, expected) =>
      expect(scoreFromProgress(rule, progress)).toBe(expected),
    );

    it('rewards overachievement when a zone starts above the target', () => {
      const stretch: ScoringRule = {
        kind: 'zones',
        zones: [
          { name: 'miss', from: 0, score: 0 },
          { name: 'target', from: 1, score: 0.7 },
          { name: 'stretch', from: 1.5, score: 1 },
        ],
      };
      expect([0.9, 1, 1.4, 1.5, 3].map((progress) => scoreFromProgress(stretch, progress))).toEqual(
        [0, 0.7, 0.7, 1, 1],
      );
    });
  });

  it.each<[number, Grade]>([
    [0, 'red'],
    [0.3, 'red'],
    [0.39, 'red'],
    [0.4, 'yellow'],
    [0.6, 'yellow'],
    [0.69, 'yellow'],
    [0.7, 'green'],
    [1, 'green'],
  ])('score %d is %s', (score, grade) => expect(gradeOf(score)).toBe(grade));

  it.each<[ObjectiveKind, number]>([
    ['committed', 1],
    ['aspirational', 0.7],
  ])('a %s objective succeeds at %d', (kind, bar) => expect(successBar(kind)).toBe(bar));

  describe('an objective: the weighted mean of its key results', () => {
    const kr = (
      keyResultId: string,
      weight: number,
      progress: number,
      override?: number,
    ): KeyResultScoreInput => ({
      keyResultId,
      weight,
      progress,
      ...(override === undefined ? {} : { override }),
    });

    it.each<[string, ScoringRule, ObjectiveKind, KeyResultScoreInput[], number, Grade, boolean]>([
      [
        'equal weights',
        linearRule,
        'committed',
        [kr('a', 1, 1), kr('b', 1, 0.5)],
        0.75,
        'green',
        false,
      ],
      [
        'weight 3 to 1',
        linearRule,
        'committed',
        [kr('a', 3, 1), kr('b', 1, 0)],
        0.75,
        'green',
        false,
      ],
      [
        'all met, committed',
        linearRule,
        'committed',
        [kr('a', 1, 1), kr('b', 2, 1.3)],
        1,
        'green',
        true,
      ],
      [
        '0.7, aspirational: success',
        linearRule,
        'aspirational',
        [kr('a', 1, 0.7)],
        0.7,
        'green',
        true,
      ],
      ['0.7, committed: not yet', linearRule, 'committed', [kr('a', 1, 0.7)], 0.7, 'green', false],
      [
        '0.69, aspirational: just short',
        linearRule,
        'aspirational',
        [kr('a', 1, 0.69)],
        0.69,
        'yellow',
        false,
      ],
      [
        'zones snap down',
        googleZonesRule,
        'aspirational',
        [kr('a', 1, 0.95), kr('b', 1, 0.75)],
        0.7,
        'green',
        true,
      ],
      [
        'an override wins',
        linearRule,
        'committed',
        [kr('a', 1, 0.2, 0.9), kr('b', 1, 0.9)],
        0.9,
        'green',
        false,
      ],
      ['nothing to score', linearRule, 'committed', [], 0, 'red', false],
    ])('%s', (_, rule, kind, keyResults, score, grade, success) =>
      expect(scoreObjective(rule, kind, keyResults)).toMatchObject({ score, grade, success }),
    );

    it('keeps the computed score beside an override', () =>
      expect(scoreObjective(linearRule, 'committed', [kr('a', 1, 0.2, 0.9)]).keyResults).toEqual([
        { keyResultId: 'a', weight: 1, progress: 0.2, computed: 0.2, score: 0.9, overridden: true },
      ]));
  });
});
