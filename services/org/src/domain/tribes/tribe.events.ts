import type { Event } from '@rhythm/event-sourcing';

export type TribeFormed = Event<'TribeFormed', { tribeId: string; name: string; mission: string }>;

export type TribeRenamed = Event<
  'TribeRenamed',
  { tribeId: string; name: string; previousName: string }
>;

/** Appointing a new lead replaces the previous one, if any. */
export type TribeLeadAppointed = Event<
  'TribeLeadAppointed',
  { tribeId: string; personId: string; previousLeadId: string | null }
>;

export type TribeDissolved = Event<'TribeDissolved', { tribeId: string; reason: string }>;

export type TribeEvent = TribeFormed | TribeRenamed | TribeLeadAppointed | TribeDissolved;
