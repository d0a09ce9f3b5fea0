/**
 * Stream ids of the recognition context (ADR 0042). Each starts with the tenant. A kudos' and a
 * story's id may hold no `.` (input-rules.ts), so `<tenant>.<id>` never meets another
 * organisation's stream. Where a person id or an achievement key (which may hold a person's or a
 * blocker's id, both allowed a `.`) follows the tenant, the separator is `:`: no tenant id holds
 * one (ADR 0026). Ids travel in event data too: nothing parses a stream id back.
 */
export const recognitionStreams = {
  kudos: (tenantId: string, kudosId: string) => `kudos-${tenantId}.${kudosId}`,
  /** The gifts one person made lately: where the kudos-per-hour limit holds (ADR 0042). */
  giver: (tenantId: string, personId: string) => `giver-${tenantId}:${personId}`,
  /** One achievement, celebrated once: the stream is the idempotence (celebration-key.ts). */
  celebration: (tenantId: string, achievementKey: string) =>
    `celebration-${tenantId}:${achievementKey}`,
  story: (tenantId: string, storyId: string) => `story-${tenantId}.${storyId}`,
  settings: (tenantId: string) => `recognition-settings-${tenantId}`,
} as const;

/** Prefixes of every recognition stream: what its projections and relay subscribe to. */
export const recognitionStreamPrefixes = [
  'kudos-',
  'giver-',
  'celebration-',
  'story-',
  'recognition-settings-',
] as const;
