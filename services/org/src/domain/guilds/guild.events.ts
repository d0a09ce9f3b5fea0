import type { Event } from '@rhythm/event-sourcing';

/** A community of interest across tribes. */
export type GuildFormed = Event<'GuildFormed', { guildId: string; name: string; interest: string }>;

export type GuildRenamed = Event<
  'GuildRenamed',
  { guildId: string; name: string; previousName: string }
>;

export type GuildCoordinatorAdded = Event<
  'GuildCoordinatorAdded',
  { guildId: string; personId: string }
>;

export type GuildCoordinatorRemoved = Event<
  'GuildCoordinatorRemoved',
  { guildId: string; personId: string }
>;

/** Ends every membership and coordinator role of the guild at the same moment (ADR 0010). */
export type GuildDissolved = Event<'GuildDissolved', { guildId: string; reason: string }>;

export type GuildEvent =
  GuildFormed | GuildRenamed | GuildCoordinatorAdded | GuildCoordinatorRemoved | GuildDissolved;
