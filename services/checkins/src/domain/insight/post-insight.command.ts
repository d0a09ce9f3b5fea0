import {
  AlreadyExists,
  Forbidden,
  identifierProblem,
  NotFound,
  RuleViolated,
  rejectInvalid,
} from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { objectiveNotFound } from '../goal-facts';
import { clean, instantProblem, utc } from '../input-rules';
import type { InsightPosted } from './insight.events';
import { insightTextProblems } from './insight.rules';
import type { InsightState } from './insight.state';

/**
 * What the directory knows when a guild posts on an objective. `no-objective` also for a private
 * objective the caller may not see (a guild's members do not see it by following it; its
 * coordinators may, docs/security.md). `followedByGuild`: goals' follows, as the goals topic
 * published them. `actorIs`: the caller's place in the guild today, from the org topic.
 */
export type InsightFacts = Readonly<{
  objective: 'no-objective' | Readonly<{ followedByGuild: boolean }>;
  guild: 'no-guild' | Readonly<{ actorIs: 'coordinator' | 'member' | 'neither' }>;
}>;

export type PostInsight = Command<
  'PostInsight',
  {
    insightId: string;
    objectiveId: string;
    guildId: string;
    title: string;
    body: string;
    at: string;
  },
  InsightFacts
>;

/**
 * A member (or coordinator) of a guild shares what the guild sees with the squads it supports, on
 * an objective the guild follows. Order: objective, then guild (404), membership (403), input
 * (400), a taken id or an objective the guild does not follow (409).
 */
export const postInsight = (command: PostInsight, state: InsightState): InsightPosted[] => {
  const { data, actor, facts } = command;
  if (facts.objective === 'no-objective') throw objectiveNotFound(data.objectiveId);
  if (facts.guild === 'no-guild') throw new NotFound(`Guild ${data.guildId} not found`);
  if (facts.guild.actorIs === 'neither') {
    throw new Forbidden(`Only a member of guild ${data.guildId} can post an insight for it`);
  }
  rejectInvalid({
    insightId: identifierProblem(data.insightId),
    ...insightTextProblems(data),
    at: instantProblem(data.at),
  });
  if (state.status !== 'none') throw new AlreadyExists(`Insight ${data.insightId} already exists`);
  if (!facts.objective.followedByGuild) {
    throw new RuleViolated(
      `Guild ${data.guildId} does not follow objective ${data.objectiveId}: it posts insights only on objectives it follows`,
      { guildId: 'does not follow the objective' },
    );
  }
  return [
    {
      type: 'InsightPosted',
      data: {
        insightId: data.insightId,
        objectiveId: data.objectiveId,
        guildId: data.guildId,
        authorId: actor.personId,
        title: clean(data.title),
        body: clean(data.body),
        postedAt: utc(data.at),
      },
    },
  ];
};
