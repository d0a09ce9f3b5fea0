import type { Event } from '@rhythm/event-sourcing';

/** `formedAt` is in the data because the move rule reasons about it. */
export type SquadFormed = Event<
  'SquadFormed',
  { squadId: string; tribeId: string; name: string; mission: string; formedAt: string }
>;

export type SquadRenamed = Event<
  'SquadRenamed',
  { squadId: string; name: string; previousName: string }
>;

export type ProductOwnerAppointed = Event<
  'ProductOwnerAppointed',
  { squadId: string; personId: string; previousProductOwnerId: string | null }
>;

/**
 * The squad belongs to `toTribeId` from `effectiveAt` on (which may lie before the time the move
 * was recorded, never before the squad joined `fromTribeId`, never in the future).
 */
export type SquadMoved = Event<
  'SquadMoved',
  { squadId: string; fromTribeId: string; toTribeId: string; effectiveAt: string }
>;

/** Ends every membership of the squad at the same moment (ADR 0010). */
export type SquadDissolved = Event<'SquadDissolved', { squadId: string; reason: string }>;

export type SquadEvent =
  SquadFormed | SquadRenamed | ProductOwnerAppointed | SquadMoved | SquadDissolved;
