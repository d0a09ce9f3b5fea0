import type { Problem } from '@rhythm/event-sourcing';

/**
 * The reactions a kudos takes (👏 🎉 ❤️ 👍), by name: a fixed set reads the same in every wall
 * and client. One of each per person and kudos.
 */
export const kudosReactions = ['applause', 'celebrate', 'heart', 'thumbs-up'] as const;
export type KudosReaction = (typeof kudosReactions)[number];

export const kudosReactionProblem = (reaction: string): Problem =>
  (kudosReactions as readonly string[]).includes(reaction)
    ? undefined
    : `must be one of ${kudosReactions.join(', ')}`;
