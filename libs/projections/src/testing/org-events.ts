import type { Event, EventMetadata, NewEvent } from '@rhythm/event-sourcing';

/** A small org context, only to exercise projections in tests and the benchmark. */
export type TribeFormed = Event<'TribeFormed', { tribeId: string; name: string }>;
export type TribeRenamed = Event<'TribeRenamed', { tribeId: string; name: string }>;
export type SquadFormed = Event<
  'SquadFormed',
  { squadId: string; tribeId: string; name: string; mission: string }
>;
export type SquadRenamed = Event<'SquadRenamed', { squadId: string; name: string }>;
export type MemberJoinedSquad = Event<
  'MemberJoinedSquad',
  { squadId: string; tribeId: string; personId: string; role: string }
>;
export type MemberLeftSquad = Event<
  'MemberLeftSquad',
  { squadId: string; tribeId: string; personId: string }
>;
export type SquadDissolved = Event<'SquadDissolved', { squadId: string; tribeId: string }>;

export type OrgEvent =
  | TribeFormed
  | TribeRenamed
  | SquadFormed
  | SquadRenamed
  | MemberJoinedSquad
  | MemberLeftSquad
  | SquadDissolved;

export const tribeStream = (tribeId: string) => `tribe-${tribeId}`;
export const squadStream = (squadId: string) => `squad-${squadId}`;

let sequence = 0;

export const orgEvent = <E extends OrgEvent>(
  tenantId: string,
  type: E['type'],
  data: E['data'],
  occurredAt = new Date('2026-01-05T09:00:00Z'),
): NewEvent<E> => {
  sequence += 1;
  const metadata: EventMetadata = {
    eventId: `event-${sequence}-${Math.random().toString(36).slice(2, 8)}`,
    tenantId,
    actor: 'person-ada',
    correlationId: `correlation-${sequence}`,
    causationId: `command-${sequence}`,
    occurredAt: occurredAt.toISOString(),
  };
  return { type, data, metadata } as unknown as NewEvent<E>;
};
