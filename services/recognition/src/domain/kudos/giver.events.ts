import type { Event } from '@rhythm/event-sourcing';

/**
 * One gift counted against the giver's hourly allowance (stream `giver-<tenant>:<personId>`,
 * ADR 0042). Its kudos is in its own stream; this one holds only when.
 */
export type KudosAllowanceUsed = Event<
  'KudosAllowanceUsed',
  { giverId: string; kudosId: string; usedAt: string }
>;

export type GiverEvent = KudosAllowanceUsed;
