import type { Event } from '@rhythm/event-sourcing';
import type { Change } from '../check-in/check-in.events';

/**
 * A guild's insight on an objective it follows, one stream each (`insight-<tenant>.<insightId>`,
 * ADR 0038). Every event names the objective and the guild, for their feeds and the privacy
 * filter; its comments and reactions live in its thread.
 */
export type InsightPosted = Event<
  'InsightPosted',
  {
    insightId: string;
    objectiveId: string;
    guildId: string;
    authorId: string;
    title: string;
    body: string;
    postedAt: string;
  }
>;

/** The author's revision; the words before stay in the stream. */
export type InsightRevised = Event<
  'InsightRevised',
  {
    insightId: string;
    objectiveId: string;
    guildId: string;
    title: Change<string>;
    body: Change<string>;
    revisedAt: string;
  }
>;

/** A tombstone: no text, and from it on reads leave the insight (and its thread) out. */
export type InsightWithdrawn = Event<
  'InsightWithdrawn',
  {
    insightId: string;
    objectiveId: string;
    guildId: string;
    withdrawnBy: string;
    withdrawnAt: string;
  }
>;

export type InsightEvent = InsightPosted | InsightRevised | InsightWithdrawn;
