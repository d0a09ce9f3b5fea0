/**
 * Stream ids of the goals context (ADR 0020). Every stream carries the tenant, so an id from
 * another organisation addresses an empty stream (NotFound), never a foreign aggregate. Ids travel
 * in event data too: nothing parses a stream id back.
 */
export const goalsStreams = {
  cycle: (tenantId: string, cycleId: string) => `cycle-${tenantId}.${cycleId}`,
  objective: (tenantId: string, objectiveId: string) => `objective-${tenantId}.${objectiveId}`,
  proposal: (tenantId: string, proposalId: string) => `proposal-${tenantId}.${proposalId}`,
  ambitions: (tenantId: string, personId: string) => `ambition-${tenantId}.${personId}`,
} as const;

/** Prefixes of every goals stream: what the goals projections and the relay subscribe to. */
export const goalsStreamPrefixes = ['cycle-', 'objective-', 'proposal-', 'ambition-'] as const;
