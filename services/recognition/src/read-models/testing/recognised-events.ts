import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@rhythm/event-sourcing';
import type { AchievementCelebrated, KudosEvent, StoryEvent } from '@rhythm/recognition-domain';

export type Recognised = KudosEvent | StoryEvent | AchievementCelebrated;

/**
 * For read-side specs: appends one event to a stream as the service would, by `actor` at `at`
 * (the deciders' own specs hold the rules; here only what the read side is fed matters).
 */
export const appendTo =
  (store: () => EventStore, tenantId: string) =>
  async (streamId: string, event: Recognised, actor: string, at: string): Promise<void> => {
    const recorded = {
      ...event,
      metadata: {
        eventId: randomUUID(),
        tenantId,
        actor,
        correlationId: randomUUID(),
        causationId: randomUUID(),
        occurredAt: at,
      },
    } as NewEvent;
    await store().append(streamId, [recorded], { expectedRevision: 'any' });
  };
