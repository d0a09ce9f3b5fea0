import { assertNever, type Problem, textProblem } from '@rhythm/event-sourcing';
import { finiteProblem, limits, oneOfProblem } from '../input-rules';

export const metricTypes = ['number', 'percentage', 'currency', 'milestone'] as const;
export type MetricType = (typeof metricTypes)[number];

export const directions = ['increase', 'decrease'] as const;
export type Direction = (typeof directions)[number];

/**
 * How a key result is measured. Units: a free word for a number (points, tickets), an ISO 4217
 * code for a currency (EUR), `%` for a percentage, empty for a milestone. A milestone is done (1)
 * or not (0).
 */
export type Metric = Readonly<{
  type: MetricType;
  unit: string;
  start: number;
  target: number;
  direction: Direction;
}>;

export const milestone = (): Metric => ({
  type: 'milestone',
  unit: '',
  start: 0,
  target: 1,
  direction: 'increase',
});

/** Problems per field of a metric, keyed by `prefix.field`. */
export const metricProblems = (metric: Metric, prefix: string): Record<string, Problem> => {
  const kindProblems = {
    [`${prefix}.type`]: oneOfProblem(metricTypes, metric.type),
    [`${prefix}.direction`]: oneOfProblem(directions, metric.direction),
  };
  // The other rules depend on the type and direction: check those first.
  if (Object.values(kindProblems).some((problem) => problem !== undefined)) return kindProblems;
  return {
    [`${prefix}.unit`]: unitProblem(metric),
    [`${prefix}.start`]: finiteProblem(metric.start),
    [`${prefix}.target`]: finiteProblem(metric.target) ?? targetProblem(metric),
  };
};

const unitProblem = (metric: Metric): Problem => {
  switch (metric.type) {
    case 'number':
      return textProblem(metric.unit, limits.unit);
    case 'currency':
      return /^[A-Z]{3}$/.test(metric.unit) ? undefined : 'must be an ISO 4217 code such as EUR';
    case 'percentage':
      return metric.unit === '%' ? undefined : "must be '%'";
    case 'milestone':
      return metric.unit === '' ? undefined : 'must be empty for a milestone';
    default:
      return assertNever(metric.type);
  }
};

const targetProblem = (metric: Metric): Problem => {
  if (metric.type === 'milestone') {
    return metric.start === 0 && metric.target === 1 && metric.direction === 'increase'
      ? undefined
      : 'a milestone goes from 0 (not done) to 1 (done)';
  }
  if (metric.direction === 'increase' && metric.target <= metric.start) {
    return 'must be above the start for an increasing key result';
  }
  if (metric.direction === 'decrease' && metric.target >= metric.start) {
    return 'must be below the start for a decreasing key result';
  }
  return undefined;
};

/** A new target keeps the key result's direction: above the start to increase, below to decrease. */
export const newTargetProblem = (metric: Metric, target: number): Problem =>
  finiteProblem(target) ?? targetProblem({ ...metric, target });

export const valueProblem = (metric: Metric, value: number): Problem => {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (metric.type === 'milestone' && value !== 0 && value !== 1) {
    return 'a milestone is 0 (not done) or 1 (done)';
  }
  return undefined;
};

/**
 * Progress towards the target as a fraction: 0 at the start, 1 at the target, the same formula
 * for both directions. Not clamped: overachievement and regression show.
 */
export const progressOf = (metric: Metric, current: number): number =>
  (current - metric.start) / (metric.target - metric.start);

export const clampProgress = (progress: number): number => Math.min(1, Math.max(0, progress));

export const meetsTarget = (metric: Metric, current: number): boolean => {
  switch (metric.direction) {
    case 'increase':
      return current >= metric.target;
    case 'decrease':
      return current <= metric.target;
    default:
      return assertNever(metric.direction);
  }
};

/**
 * A new target asks for less: a lower number to increase towards, or a higher number to
 * decrease towards (cutting response time to 6h instead of 4h is less ambitious).
 */
export const lowersAmbition = (direction: Direction, before: number, after: number): boolean => {
  switch (direction) {
    case 'increase':
      return after < before;
    case 'decrease':
      return after > before;
    default:
      return assertNever(direction);
  }
};
