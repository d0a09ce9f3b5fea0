import type { Event } from '@rhythm/event-sourcing';
import type { Unit } from '../directory-facts';
import type { KudosReaction } from './kudos-reaction';
import type { KudosSubject } from './kudos-subject';

export const kudosAudiences = ['public', 'private'] as const;
/** Public: on the walls and the organisation's feed. Private: giver, receivers and their leads. */
export type KudosAudience = (typeof kudosAudiences)[number];

/** People, and at most one unit, thanked by one kudos. */
export type KudosReceivers = Readonly<{ personIds: readonly string[]; unit?: Unit }>;

/**
 * A person thanks people or a unit (stream `kudos-<tenant>.<kudosId>`, ADR 0042). Only ids: a
 * name is read at display time, so an erased person stays erased (ADR 0034). The memberships of
 * giver and receivers that day are the org history's, joined by the flow (flow/).
 */
export type KudosGiven = Event<
  'KudosGiven',
  {
    kudosId: string;
    giverId: string;
    to: KudosReceivers;
    message: string;
    values: readonly string[];
    about?: KudosSubject;
    audience: KudosAudience;
    givenAt: string;
  }
>;

export type KudosReactionAdded = Event<
  'KudosReactionAdded',
  { kudosId: string; reaction: KudosReaction; addedBy: string; addedAt: string }
>;

export type KudosReactionRemoved = Event<
  'KudosReactionRemoved',
  { kudosId: string; reaction: KudosReaction; removedBy: string; removedAt: string }
>;

export type KudosCommented = Event<
  'KudosCommented',
  { kudosId: string; commentId: string; authorId: string; text: string; commentedAt: string }
>;

/** A tombstone: from it on every read, wall and the flow leave the kudos out. */
export type KudosWithdrawn = Event<
  'KudosWithdrawn',
  { kudosId: string; withdrawnBy: string; withdrawnAt: string }
>;

export type KudosEvent =
  KudosGiven | KudosReactionAdded | KudosReactionRemoved | KudosCommented | KudosWithdrawn;
