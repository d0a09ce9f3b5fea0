import { AlreadyExists, Forbidden, RuleViolated } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import { mayManage } from '../actor';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import type { ObjectiveFollowed } from './objective.events';
import { assertCycleAllows, assertObjectiveIn, existingObjective } from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type FollowObjective = Command<
  'FollowObjective',
  { objectiveId: string; guildId: string },
  { cycle: CycleStanding; guildExists: boolean }
>;

/** A guild's coordinator (or an admin) speaks for the guild. */
export const assertMaySpeakForGuild = (actor: Actor, guildId: string): void => {
  if (mayManage(actor, { kind: 'guild', id: guildId })) return;
  throw new Forbidden(
    `Only a coordinator of guild ${guildId} or an admin can do this for the guild`,
  );
};

/** Guilds follow objectives they care about, to post insights and run initiatives for them. */
export const followObjective = (
  command: FollowObjective,
  state: ObjectiveState,
): ObjectiveFollowed[] => {
  const { data, facts } = command;
  const objective = existingObjective(state, data.objectiveId);
  assertMaySpeakForGuild(command.actor, data.guildId);
  assertObjectiveIn(objective, ['draft', 'active'], 'follow the objective');
  assertCycleAllows(
    facts.cycle,
    objective.cycleId,
    ['planning', 'active', 'review'],
    'follow an objective',
  );
  if (objective.followers.includes(data.guildId)) {
    throw new AlreadyExists(
      `Guild ${data.guildId} already follows objective ${objective.objectiveId}`,
    );
  }
  if (!facts.guildExists) {
    throw new RuleViolated(`Guild ${data.guildId} is not known in this organisation`, {
      guildId: 'unknown guild',
    });
  }
  return [
    {
      type: 'ObjectiveFollowed',
      data: { objectiveId: objective.objectiveId, guildId: data.guildId },
    },
  ];
};
