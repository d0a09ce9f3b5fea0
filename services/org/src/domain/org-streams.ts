/**
 * Stream ids of the org context. Every stream but the organisation's own carries the tenant, so a
 * unit or person id from another organisation addresses an empty stream (NotFound), never a
 * foreign aggregate. Ids travel in event data too: nothing parses a stream id back.
 */
export const orgStreams = {
  organisation: (tenantId: string) => `organisation-${tenantId}`,
  person: (tenantId: string, personId: string) => `person-${tenantId}.${personId}`,
  tribe: (tenantId: string, tribeId: string) => `tribe-${tenantId}.${tribeId}`,
  squad: (tenantId: string, squadId: string) => `squad-${tenantId}.${squadId}`,
  chapter: (tenantId: string, chapterId: string) => `chapter-${tenantId}.${chapterId}`,
  guild: (tenantId: string, guildId: string) => `guild-${tenantId}.${guildId}`,
} as const;

/** Prefixes of every org stream: what the org projections subscribe to. */
export const orgStreamPrefixes = [
  'organisation-',
  'person-',
  'tribe-',
  'squad-',
  'chapter-',
  'guild-',
] as const;
