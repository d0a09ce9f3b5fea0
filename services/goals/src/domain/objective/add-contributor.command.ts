import { AlreadyExists, Forbidden, RuleViolated, rejectInvalid } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import { mayManage } from '../actor';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import { personIdProblem } from './objective-draft';
import type { ContributorAdded } from './objective.events';
import { assertCycleAllows, assertObjectiveIn, existingObjective } from './objective.rules';
import type { Objective, ObjectiveState } from './objective.state';

export type AddContributor = Command<
  'AddContributor',
  { objectiveId: string; personId: string },
  { cycle: CycleStanding; personExists: boolean }
>;

/**
 * The objective's lead (or an admin, or the person for their own objective) lists contributors.
 * On a public objective people may also sign themselves up; on a private one not, because a
 * contributor sees it: sight of a private objective is granted, never taken (ADR 0030).
 */
export const assertMayAddContributor = (
  actor: Actor,
  objective: Objective,
  personId: string,
): void => {
  if (mayManage(actor, objective.owner)) return;
  if (actor.personId === personId && objective.visibility === 'public') return;
  throw new Forbidden(
    objective.visibility === 'public'
      ? `Only ${personId} themselves, the objective's lead or an admin can list ${personId} as contributor`
      : `Only the objective's lead or an admin can list contributors of a private objective`,
  );
};

/** A contributor may always step back; the objective's lead (or an admin) may take them off. */
export const assertMayRemoveContributor = (
  actor: Actor,
  objective: Objective,
  personId: string,
): void => {
  if (actor.personId === personId || mayManage(actor, objective.owner)) return;
  throw new Forbidden(
    `Only ${personId} themselves, the objective's lead or an admin can take ${personId} off the contributors`,
  );
};

/** E.g. chapter members who align their work to a squad's objective. */
export const addContributor = (
  command: AddContributor,
  state: ObjectiveState,
): ContributorAdded[] => {
  const { data, facts } = command;
  const objective = existingObjective(state, data.objectiveId);
  assertMayAddContributor(command.actor, objective, data.personId);
  rejectInvalid({ personId: personIdProblem(data.personId) });
  assertObjectiveIn(objective, ['draft', 'active'], 'add a contributor');
  assertCycleAllows(
    facts.cycle,
    objective.cycleId,
    ['planning', 'active', 'review'],
    'add a contributor',
  );
  if (objective.contributors.includes(data.personId)) {
    throw new AlreadyExists(
      `${data.personId} already contributes to objective ${objective.objectiveId}`,
    );
  }
  if (!facts.personExists) {
    throw new RuleViolated(`Person ${data.personId} is not known in this organisation`, {
      personId: 'unknown person',
    });
  }
  return [
    {
      type: 'ContributorAdded',
      data: { objectiveId: objective.objectiveId, personId: data.personId },
    },
  ];
};
