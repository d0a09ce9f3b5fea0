import { NotFound } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { assertMaySpeakForGuild } from './follow-objective.command';
import type { ObjectiveUnfollowed } from './objective.events';
import { existingObjective } from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type UnfollowObjective = Command<
  'UnfollowObjective',
  { objectiveId: string; guildId: string }
>;

/** A guild may stop following at any time, even after the cycle closed. */
export const unfollowObjective = (
  command: UnfollowObjective,
  state: ObjectiveState,
): ObjectiveUnfollowed[] => {
  const { data } = command;
  const objective = existingObjective(state, data.objectiveId);
  assertMaySpeakForGuild(command.actor, data.guildId);
  if (!objective.followers.includes(data.guildId)) {
    throw new NotFound(`Guild ${data.guildId} does not follow objective ${objective.objectiveId}`);
  }
  return [
    {
      type: 'ObjectiveUnfollowed',
      data: { objectiveId: objective.objectiveId, guildId: data.guildId },
    },
  ];
};
