import type {
  KeyResultAdded,
  ObjectiveActivated,
  ObjectiveDefined,
  ObjectiveEvent,
} from '../objective/objective.events';
import type { Owner } from '../owner';
import { cycleId } from './cycle.fixtures';

export const objectiveId = 'effortless-checkout';
export const checkoutSquad: Owner = { kind: 'squad', id: 'checkout' };

export const objectiveDefined: ObjectiveDefined = {
  type: 'ObjectiveDefined',
  data: {
    objectiveId,
    cycleId,
    title: 'Make checkout effortless',
    description: 'Customers pay in seconds, on any device',
    owner: checkoutSquad,
    kind: 'committed',
    visibility: 'public',
  },
};

/** Increase: conversion 60% → 75%, weight 2, owned by bob. */
export const conversionAdded: KeyResultAdded = {
  type: 'KeyResultAdded',
  data: {
    objectiveId,
    keyResultId: 'conversion',
    title: 'Raise checkout conversion to 75%',
    metric: { type: 'percentage', unit: '%', start: 60, target: 75, direction: 'increase' },
    owner: 'bob',
    weight: 2,
  },
};

/** Decrease: payment time 8s → 2s, weight 1, owned by bob. */
export const paymentTimeAdded: KeyResultAdded = {
  type: 'KeyResultAdded',
  data: {
    objectiveId,
    keyResultId: 'payment-time',
    title: 'Cut payment time to 2 seconds',
    metric: { type: 'number', unit: 'seconds', start: 8, target: 2, direction: 'decrease' },
    owner: 'bob',
    weight: 1,
  },
};

export const objectiveActivated: ObjectiveActivated = {
  type: 'ObjectiveActivated',
  data: { objectiveId },
};

export const draftObjective: readonly ObjectiveEvent[] = [
  objectiveDefined,
  conversionAdded,
  paymentTimeAdded,
];
export const activeObjective: readonly ObjectiveEvent[] = [...draftObjective, objectiveActivated];

/** A milestone key result with the given id (weight 1, owned by bob). */
export const milestoneAdded = (
  keyResultId: string,
  title = `Milestone ${keyResultId}`,
): KeyResultAdded => ({
  type: 'KeyResultAdded',
  data: {
    objectiveId,
    keyResultId,
    title,
    metric: { type: 'milestone', unit: '', start: 0, target: 1, direction: 'increase' },
    owner: 'bob',
    weight: 1,
  },
});
