import { assertNever } from '@rhythm/event-sourcing';
import type { Unit } from '../goal-facts';
import type { BlockerEvent, BlockerTarget, WaitsOn } from './blocker.events';

/** Who owned the blocker from when (until the next owners took it, or still). */
export type Ownership = Readonly<{ ownerIds: readonly string[]; from: string }>;

export type Blocker = Readonly<{
  status: 'open' | 'resolved';
  blockerId: string;
  target: BlockerTarget;
  raisedBy: string;
  unit: Unit;
  waitsOn: WaitsOn;
  ownerIds: readonly string[];
  owners: readonly Ownership[];
  escalatedTo?: Unit;
  escalateAfter?: string;
  raisedAt: string;
  /** Acknowledged by its current owners (cleared when it escalates to new ones). */
  acknowledged: boolean;
  firstAcknowledgedAt?: string;
  resolvedAt?: string;
}>;

export type BlockerState = Readonly<{ status: 'none' }> | Blocker;

export const initialBlocker = (): BlockerState => ({ status: 'none' });

export const evolveBlocker = (state: BlockerState, event: BlockerEvent): BlockerState => {
  if (event.type === 'BlockerRaised') {
    const { data } = event;
    return {
      status: 'open',
      blockerId: data.blockerId,
      target: data.target,
      raisedBy: data.raisedBy,
      unit: data.unit,
      waitsOn: data.waitsOn,
      ownerIds: data.ownerIds,
      owners: [{ ownerIds: data.ownerIds, from: data.raisedAt }],
      ...(data.escalateAfter === undefined ? {} : { escalateAfter: data.escalateAfter }),
      raisedAt: data.raisedAt,
      acknowledged: false,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'BlockerAcknowledged':
      return {
        ...state,
        acknowledged: true,
        firstAcknowledgedAt: state.firstAcknowledgedAt ?? event.data.acknowledgedAt,
      };
    case 'BlockerEscalated':
      return {
        ...state,
        ownerIds: event.data.ownerIds,
        owners: [...state.owners, { ownerIds: event.data.ownerIds, from: event.data.escalatedAt }],
        escalatedTo: event.data.to,
        acknowledged: false,
      };
    case 'BlockerResolved':
      return { ...state, status: 'resolved', resolvedAt: event.data.resolvedAt };
    default:
      return assertNever(event);
  }
};

/**
 * Time to acknowledge (raised → first acknowledgement) and to resolve (raised → resolved), in
 * milliseconds; absent while it has not happened. What the blocker statistics (p50/p90) read.
 */
export const blockerTimes = (
  blocker: Blocker,
): Readonly<{ toAcknowledgeMs?: number; toResolveMs?: number }> => {
  const since = (at: string | undefined) =>
    at === undefined ? undefined : Date.parse(at) - Date.parse(blocker.raisedAt);
  const toAcknowledgeMs = since(blocker.firstAcknowledgedAt);
  const toResolveMs = since(blocker.resolvedAt);
  return {
    ...(toAcknowledgeMs === undefined ? {} : { toAcknowledgeMs }),
    ...(toResolveMs === undefined ? {} : { toResolveMs }),
  };
};
