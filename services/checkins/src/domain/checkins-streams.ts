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
} as const;

/** Prefixes of every checkins stream: what its projections and relay subscribe to. */
export const checkinsStreamPrefixes = ['checkins-', 'blocker-', 'cadence-'] as const;
