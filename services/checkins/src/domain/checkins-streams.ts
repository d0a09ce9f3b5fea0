import type { FeedbackTarget } from './feedback/feedback-target';

/**
 * Stream ids of the checkins context (ADR 0036). Each carries the tenant. Objective and key
 * result ids are the goals service's UUIDs (no `.`), and a unit's id comes last, so no two
 * addresses share a stream. Ids travel in event data too: nothing parses a stream id back.
 */
export const checkinsStreams = {
  /** Every check-in of one key result: its history, in order, is one stream (and one Kafka key). */
  keyResultCheckIns: (tenantId: string, objectiveId: string, keyResultId: string) =>
    `checkins-${tenantId}.${objectiveId}.${keyResultId}`,
  blocker: (tenantId: string, blockerId: string) => `blocker-${tenantId}.${blockerId}`,
  cadence: (tenantId: string, unitKind: string, unitId: string) =>
    `cadence-${tenantId}.${unitKind}.${unitId}`,
  /**
   * One discussion: a check-in's, a blocker's or an insight's comments and reactions (ADR 0038).
   * A check-in id is unique within its key result, so its key result is part of the address.
   */
  thread: (tenantId: string, target: FeedbackTarget): string => {
    switch (target.kind) {
      case 'check-in':
        return `thread-${tenantId}.check-in.${target.keyResultId}.${target.checkInId}`;
      case 'blocker':
        return `thread-${tenantId}.blocker.${target.blockerId}`;
      case 'insight':
        return `thread-${tenantId}.insight.${target.insightId}`;
    }
  },
  insight: (tenantId: string, insightId: string) => `insight-${tenantId}.${insightId}`,
  /** The organisation's rhythm settings (confidence thresholds). */
  settings: (tenantId: string) => `settings-${tenantId}`,
  /**
   * One person's absences. A tenant id and a person id may both hold a `.`, never a `:`
   * (ADR 0026), so `:` keeps two organisations' people apart.
   */
  absence: (tenantId: string, personId: string) => `absence-${tenantId}:${personId}`,
} as const;

/** Prefixes of every checkins stream: what its projections and relay subscribe to. */
export const checkinsStreamPrefixes = [
  'checkins-',
  'blocker-',
  'cadence-',
  'thread-',
  'insight-',
  'settings-',
  'absence-',
] as const;
