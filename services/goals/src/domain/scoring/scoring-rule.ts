import { assertNever, type Problem } from '@rhythm/event-sourcing';

/**
 * How progress becomes a score at the end of a cycle (ADR 0020). A rule is data: it is stored in
 * the cycle's and the objective's events, so a score can always be explained and re-computed.
 */
export type ScoringRule = LinearRule | ZonesRule;

/** Score = progress towards the target, clamped to 0..1. */
export type LinearRule = Readonly<{ kind: 'linear' }>;

/**
 * Score = the score of the highest zone whose `from` the progress reaches: a step function.
 * Zones start at progress 0 and rise; a zone may start above 1 to reward overachievement.
 */
export type ZonesRule = Readonly<{ kind: 'zones'; zones: readonly ScoreZone[] }>;

export type ScoreZone = Readonly<{ name: string; from: number; score: number }>;

export const linearRule: LinearRule = { kind: 'linear' };

/** Google-style: below 0.3 is a fail, 0.3 the commit zone, 0.7 the target, 1.0 the stretch. */
export const googleZonesRule: ZonesRule = {
  kind: 'zones',
  zones: [
    { name: 'fail', from: 0, score: 0 },
    { name: 'commit', from: 0.3, score: 0.3 },
    { name: 'target', from: 0.7, score: 0.7 },
    { name: 'stretch', from: 1, score: 1 },
  ],
};

export const scoringRuleProblem = (rule: ScoringRule): Problem => {
  switch (rule.kind) {
    case 'linear':
      return undefined;
    case 'zones':
      return zonesProblem(rule.zones);
    default:
      return assertNever(rule);
  }
};

const zonesProblem = (zones: readonly ScoreZone[]): Problem => {
  if (zones.length === 0) return 'zones must not be empty';
  if (zones[0].from !== 0) return 'the first zone must start at progress 0';
  for (const [index, zone] of zones.entries()) {
    if (zone.name.trim() === '') return `zone ${index + 1} needs a name`;
    if (!Number.isFinite(zone.from) || !Number.isFinite(zone.score)) {
      return `zone ${zone.name} needs finite numbers`;
    }
    if (zone.score < 0 || zone.score > 1) return `zone ${zone.name} must score between 0 and 1`;
    const previous = zones[index - 1];
    if (previous !== undefined && zone.from <= previous.from) {
      return 'zones must start at rising progress';
    }
    if (previous !== undefined && zone.score < previous.score) {
      return 'a later zone must not score lower';
    }
  }
  return undefined;
};
