import type { Problem } from '@rhythm/event-sourcing';

/**
 * The few reactions Rhythm offers (👍 🎉 👀 🙏), by name: a fixed set reads the same in every
 * feed and client, and counts compare across units. One of each per person and subject.
 */
export const reactions = ['thumbs-up', 'celebrate', 'eyes', 'thanks'] as const;
export type Reaction = (typeof reactions)[number];

export const reactionProblem = (reaction: string): Problem =>
  (reactions as readonly string[]).includes(reaction)
    ? undefined
    : `must be one of ${reactions.join(', ')}`;
