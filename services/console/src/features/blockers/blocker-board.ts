import type { Blocker } from './api';

// Where a blocker stands and who may act on it, as the checkins service decides
// (services/checkins/src/domain/blocker): the board shows only the buttons that will be accepted.

export const columns = ['raised', 'acknowledged', 'escalated', 'resolved'] as const;
export type BlockerColumn = (typeof columns)[number];

/** Resolved is final; an escalated one stays escalated; otherwise seen by its lead, or not yet. */
export function columnOf(blocker: Blocker): BlockerColumn {
  if (blocker.status === 'resolved') return 'resolved';
  if (blocker.escalatedTo) return 'escalated';
  return blocker.firstAcknowledgedAt || !blocker.awaitingAcknowledgement
    ? 'acknowledged'
    : 'raised';
}

/** The lead it is routed to says they have seen it. */
export const mayAcknowledge = (personId: string, blocker: Blocker): boolean =>
  blocker.status === 'open' &&
  blocker.awaitingAcknowledgement &&
  blocker.ownerIds.includes(personId);

/** One level up, once: a squad's or chapter's to its tribe, a guild's to its coordinators. */
export const mayEscalate = (personId: string, blocker: Blocker): boolean =>
  blocker.status === 'open' &&
  !blocker.escalatedTo &&
  blocker.unit.kind !== 'tribe' &&
  (blocker.raisedBy === personId || blocker.ownerIds.includes(personId));

/** Whoever raised it, owns it, or owned it before. */
export const mayResolve = (personId: string, blocker: Blocker): boolean =>
  blocker.status === 'open' &&
  (blocker.raisedBy === personId ||
    blocker.owners.some((ownership) => ownership.ownerIds.includes(personId)) ||
    blocker.ownerIds.includes(personId));

/** Raised to resolved; for an open blocker, how long it has been open so far. */
export function timeOpenMs(blocker: Blocker, now: Date): number {
  const end = blocker.resolvedAt ? new Date(blocker.resolvedAt) : now;
  return Math.max(0, end.getTime() - new Date(blocker.raisedAt).getTime());
}
