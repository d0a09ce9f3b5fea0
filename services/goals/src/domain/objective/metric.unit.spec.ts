import type { Direction, Metric } from './metric';
import { clampProgress, lowersAmbition, meetsTarget, metricProblems, progressOf } from './metric';

const conversion: Metric = {
  type: 'percentage',
  unit: '%',
  start: 60,
  target: 75,
  direction: 'increase',
};
const responseTime: Metric = {
  type: 'number',
  unit: 'hours',
  start: 8,
  target: 4,
  direction: 'decrease',
};
const revenue: Metric = {
  type: 'currency',
  unit: 'EUR',
  start: 0,
  target: 1_000_000,
  direction: 'increase',
};
const launch: Metric = { type: 'milestone', unit: '', start: 0, target: 1, direction: 'increase' };

describe('Key result metrics', () => {
  it.each([
    [conversion, 60, 0],
    [conversion, 67.5, 0.5],
    [conversion, 75, 1],
    [conversion, 90, 2],
    [conversion, 54, -0.4],
    [responseTime, 8, 0],
    [responseTime, 6, 0.5],
    [responseTime, 4, 1],
    [responseTime, 10, -0.5],
    [revenue, 250_000, 0.25],
    [launch, 0, 0],
    [launch, 1, 1],
  ])('progress of %j at %d is %d', (metric, current, expected) =>
    expect(progressOf(metric, current)).toBeCloseTo(expected, 10),
  );

  it.each([
    [-0.4, 0],
    [0, 0],
    [0.42, 0.42],
    [1, 1],
    [2, 1],
  ])('clamps progress %d to %d', (progress, expected) =>
    expect(clampProgress(progress)).toBe(expected),
  );

  it.each([
    [conversion, 74.9, false],
    [conversion, 75, true],
    [conversion, 80, true],
    [responseTime, 4.1, false],
    [responseTime, 4, true],
    [responseTime, 3, true],
  ])('%j with %d meets its target: %s', (metric, current, expected) =>
    expect(meetsTarget(metric, current)).toBe(expected),
  );

  it.each<[Direction, number, number, boolean]>([
    ['increase', 75, 70, true],
    ['increase', 75, 80, false],
    ['decrease', 4, 6, true], // 6 hours instead of 4: asks for less
    ['decrease', 4, 3, false],
  ])('%s from target %d to %d lowers the ambition: %s', (direction, before, after, expected) =>
    expect(lowersAmbition(direction, before, after)).toBe(expected),
  );

  it.each<[string, Metric, Record<string, string>]>([
    ['a number without unit', { ...responseTime, unit: ' ' }, { 'm.unit': 'must not be empty' }],
    ['a percentage in points', { ...conversion, unit: 'points' }, { 'm.unit': "must be '%'" }],
    [
      'a lowercase currency',
      { ...revenue, unit: 'eur' },
      { 'm.unit': 'must be an ISO 4217 code such as EUR' },
    ],
    [
      'a milestone with a unit',
      { ...launch, unit: 'x' },
      { 'm.unit': 'must be empty for a milestone' },
    ],
    [
      'a milestone to 5',
      { ...launch, target: 5 },
      { 'm.target': 'a milestone goes from 0 (not done) to 1 (done)' },
    ],
    [
      'a decrease upwards',
      { ...responseTime, target: 9 },
      { 'm.target': 'must be below the start for a decreasing key result' },
    ],
    [
      'a target equal to the start',
      { ...conversion, target: 60 },
      { 'm.target': 'must be above the start for an increasing key result' },
    ],
    [
      'an infinite start',
      { ...conversion, start: Number.POSITIVE_INFINITY },
      {
        'm.start': 'must be a finite number',
        'm.target': 'must be above the start for an increasing key result',
      },
    ],
  ])('refuses %s', (_, metric, expected) => {
    const problems = Object.fromEntries(
      Object.entries(metricProblems(metric, 'm')).filter(([, problem]) => problem !== undefined),
    );
    expect(problems).toEqual(expected);
  });

  it.each([conversion, responseTime, revenue, launch])('accepts %j', (metric) =>
    expect(Object.values(metricProblems(metric, 'm')).filter(Boolean)).toEqual([]),
  );
});
