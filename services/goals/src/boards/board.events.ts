import type { Event } from '@rhythm/event-sourcing';
import type { Unit } from '@rhythm/goals-domain';

/**
 * A TV board (stream `board-<tenant>.<boardId>`): a read-only view of a unit's or the company's
 * public OKRs of one cycle, opened by a signed link without signing in (ADR 0052).
 */
export type BoardCreated = Event<
  'BoardCreated',
  {
    boardId: string;
    scope: Unit;
    cycleId: string;
    title: string;
    /**
     * Random, in the signed link and here only (never published): a leaked signing key alone,
     * with a board id from a list or the topic, still opens nothing.
     */
    linkId: string;
  }
>;

export type BoardRevoked = Event<'BoardRevoked', { boardId: string }>;

export type BoardEvent = BoardCreated | BoardRevoked;

export const boardEventTypes = [
  'BoardCreated',
  'BoardRevoked',
] as const satisfies readonly BoardEvent['type'][];

export const isBoardEvent = (event: Event): event is BoardEvent =>
  (boardEventTypes as readonly string[]).includes(event.type);

/** Stream of one board: the tenant in its id, so another tenant's id addresses an empty stream. */
export const boardStream = (tenantId: string, boardId: string): string =>
  `board-${tenantId}.${boardId}`;
