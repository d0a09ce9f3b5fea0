import type { Event } from '@rhythm/event-sourcing';
import type { Unit } from '../goal-facts';

/** What a blocker stands in the way of. */
export type BlockerTarget =
  | Readonly<{ kind: 'key-result'; objectiveId: string; keyResultId: string }>
  | Readonly<{ kind: 'objective'; objectiveId: string }>;

/** Who or what it waits on: a person, a unit, or a party outside the organisation's model. */
export type WaitsOn =
  | Readonly<{ kind: 'person'; personId: string }>
  | Readonly<{ kind: 'unit'; unit: Unit }>
  | Readonly<{ kind: 'outside'; name: string }>;

/**
 * A blocker's life, one stream each (`blocker-<tenant>.<blockerId>`, ADR 0036). `ownerIds` are
 * who must act on it from that event on: the unit's lead when raised, the level above once
 * escalated. Times are data, so time to acknowledge and to resolve follow from the events alone.
 */
export type BlockerRaised = Event<
  'BlockerRaised',
  {
    blockerId: string;
    target: BlockerTarget;
    description: string;
    waitsOn: WaitsOn;
    raisedBy: string;
    /** The check-in it was raised in, if any. */
    checkInId?: string;
    /** The unit whose lead it is routed to. */
    unit: Unit;
    ownerIds: readonly string[];
    /** When it escalates by itself if still unresolved. */
    escalateAfter?: string;
    raisedAt: string;
  }
>;

export type BlockerAcknowledged = Event<
  'BlockerAcknowledged',
  { blockerId: string; acknowledgedBy: string; acknowledgedAt: string }
>;

/** squad or chapter → their tribe's lead; guild → all its coordinators. */
export type BlockerEscalated = Event<
  'BlockerEscalated',
  {
    blockerId: string;
    to: Unit;
    fromOwnerIds: readonly string[];
    ownerIds: readonly string[];
    escalatedBy: string;
    /** `deadline`: the cadence's scheduler, once `escalateAfter` passed; `asked`: a person. */
    why: 'deadline' | 'asked';
    escalatedAt: string;
  }
>;

/**
 * `target` and `raisedBy` repeat the raising's, so the resolution is published on its own
 * (checkins.blocker-resolved); events recorded before they were kept lack them.
 */
export type BlockerResolved = Event<
  'BlockerResolved',
  {
    blockerId: string;
    target?: BlockerTarget;
    raisedBy?: string;
    resolvedBy: string;
    note: string;
    resolvedAt: string;
  }
>;

export type BlockerEvent = BlockerRaised | BlockerAcknowledged | BlockerEscalated | BlockerResolved;
