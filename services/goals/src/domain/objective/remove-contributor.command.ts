import { NotFound } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { assertMayRemoveContributor } from './add-contributor.command';
import type { ContributorRemoved } from './objective.events';
import { existingObjective } from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type RemoveContributor = Command<
  'RemoveContributor',
  { objectiveId: string; personId: string }
>;

export const removeContributor = (
  command: RemoveContributor,
  state: ObjectiveState,
): ContributorRemoved[] => {
  const { data } = command;
  const objective = existingObjective(state, data.objectiveId);
  assertMayRemoveContributor(command.actor, objective, data.personId);
  if (!objective.contributors.includes(data.personId)) {
    throw new NotFound(
      `${data.personId} is not a contributor to objective ${objective.objectiveId}`,
    );
  }
  return [
    {
      type: 'ContributorRemoved',
      data: { objectiveId: objective.objectiveId, personId: data.personId },
    },
  ];
};
