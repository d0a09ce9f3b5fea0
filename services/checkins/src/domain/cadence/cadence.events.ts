import type { Event } from '@rhythm/event-sourcing';
import type { Unit } from '../goal-facts';
import type { Cadence } from './cadence';
import type { EscalationLevel } from './key-result-standing';

/** One unit's cadence and what its sweeps found (stream `cadence-<tenant>.<kind>.<unitId>`). */
export type CadenceSet = Event<'CadenceSet', { unit: Unit; cadence: Cadence; setBy: string }>;

/** A key result's owner let a due moment pass: it shows in their own list. */
export type CheckInOverdue = Event<
  'CheckInOverdue',
  { unit: Unit; objectiveId: string; keyResultId: string; ownerId: string; dueAt: string }
>;

/** Two (then four) working days on, still nothing: the lead (then the next lead up) is told. */
export type OverdueEscalated = Event<
  'OverdueEscalated',
  {
    unit: Unit;
    objectiveId: string;
    keyResultId: string;
    ownerId: string;
    dueAt: string;
    level: EscalationLevel;
    toPersonIds: readonly string[];
  }
>;

export type CadenceEvent = CadenceSet | CheckInOverdue | OverdueEscalated;
