import { Forbidden, NotFound, RuleViolated } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import { mayManage } from '../actor';
import type { CycleStanding, CycleStatus } from '../cycle/cycle.state';
import type { Owner } from '../owner';
import { describeOwner } from '../owner';
import type { KeyResult, Objective, ObjectiveState, ObjectiveStatus } from './objective.state';
import { findKeyResult } from './objective.state';

/**
 * The rules most objective commands share, each with its own message. Messages name objects by
 * id, never by title: an error about one object must not quote another the caller may not see.
 */

/**
 * The one answer for an objective that does not exist, and for one the caller may not see (the
 * application's visibility gate throws it too): the same text, so that nothing tells them apart.
 */
export const objectiveNotFound = (objectiveId: string): NotFound =>
  new NotFound(`Objective ${objectiveId} not found`);

export const existingObjective = (state: ObjectiveState, objectiveId: string): Objective => {
  if (state.status === 'none') throw objectiveNotFound(objectiveId);
  return state;
};

export const existingKeyResult = (objective: Objective, keyResultId: string): KeyResult => {
  const keyResult = findKeyResult(objective, keyResultId);
  if (keyResult === undefined) {
    throw new NotFound(`Key result ${keyResultId} not found on objective ${objective.objectiveId}`);
  }
  return keyResult;
};

/** A cycle the command names (for a new objective or proposal) exists: a 404 before any power. */
export const assertCycleExists = (cycle: CycleStanding, cycleId: string): void => {
  if (cycle === 'none') throw new NotFound(`Cycle ${cycleId} not found`);
};

export const assertCycleAllows = (
  cycle: CycleStanding,
  cycleId: string,
  allowed: readonly CycleStatus[],
  doing: string,
): void => {
  if (cycle === 'none') throw new NotFound(`Cycle ${cycleId} not found`);
  if (allowed.includes(cycle)) return;
  throw new RuleViolated(
    `Cannot ${doing} while cycle ${cycleId} is ${cycle} (allowed when ${allowed.join(' or ')})`,
    { cycle },
  );
};

export const assertObjectiveIn = (
  objective: Objective,
  allowed: readonly ObjectiveStatus[],
  doing: string,
): void => {
  if (allowed.includes(objective.status)) return;
  throw new RuleViolated(
    `Cannot ${doing}: objective ${objective.objectiveId} is ${objective.status}`,
    { objective: objective.status },
  );
};

export const assertMayManageGoalsOf = (actor: Actor, owner: Owner, doing: string): void => {
  if (mayManage(actor, owner)) return;
  const who =
    owner.kind === 'person' ? `${owner.id} (the owner)` : `the lead of ${describeOwner(owner)}`;
  throw new Forbidden(`Only ${who} or an admin can ${doing}`);
};

export const assertMayManage = (actor: Actor, objective: Objective, doing: string): void =>
  assertMayManageGoalsOf(actor, objective.owner, doing);

/** Involved: manages it, owns one of its key results, or contributes to it. */
export const isInvolved = (actor: Actor, objective: Objective): boolean =>
  mayManage(actor, objective.owner) ||
  objective.contributors.includes(actor.personId) ||
  objective.keyResults.some((keyResult) => keyResult.owner === actor.personId);

/** Phases in which the goal itself (text, targets, owners, weights, key results) may change. */
export const goalChangingCycle: readonly CycleStatus[] = ['planning', 'active'];

/**
 * The objective a command changes, for one who sets its goals: it exists (404), then the actor
 * manages it (403). What its state allows comes later, after the input (ADR 0030: a caller
 * without the power learns nothing about the objective's state).
 */
export const managedObjective = (
  state: ObjectiveState,
  objectiveId: string,
  actor: Actor,
  doing: string,
): Objective => {
  const objective = existingObjective(state, objectiveId);
  assertMayManage(actor, objective, doing);
  return objective;
};

/** The goal itself may change: the objective is a draft or active, its cycle planned or running. */
export const assertChangeable = (
  objective: Objective,
  cycle: CycleStanding,
  doing: string,
): void => {
  assertObjectiveIn(objective, ['draft', 'active'], doing);
  assertCycleAllows(cycle, objective.cycleId, goalChangingCycle, doing);
};

/**
 * Accountability starts when the objective is activated: before that it is a draft being shaped,
 * and lowering a target or dropping a key result needs no reason (ADR 0020).
 */
export const isAccountable = (objective: Objective): boolean => objective.status === 'active';
