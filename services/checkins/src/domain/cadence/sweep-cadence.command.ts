import { Forbidden, rejectInvalid } from '@rhythm/event-sourcing';
import { isSystem } from '../actor';
import type { Command } from '../command';
import type { Unit } from '../goal-facts';
import { instantProblem } from '../input-rules';
import type { Cadence } from './cadence';
import type { CadenceEvent } from './cadence.events';
import type { UnitCadence } from './cadence.state';
import { escalationKey, missedDueKey } from './cadence.state';
import type { EscalationLevel, KeyResultRhythm } from './key-result-standing';
import { keyResultStanding } from './key-result-standing';

export type SweptKeyResult = KeyResultRhythm &
  Readonly<{ objectiveId: string; keyResultId: string; ownerId: string }>;

export type SweepCadence = Command<
  'SweepCadence',
  { unit: Unit; now: string; keyResults: readonly SweptKeyResult[] },
  {
    /** Who is told at each level today: the unit's lead, then the lead above it. */
    leads: Readonly<Record<EscalationLevel, readonly string[]>>;
    /** The organisation's default, for a unit that has set no cadence. */
    defaultCadence: Cadence;
  }
>;

/**
 * The scheduler's tick for one unit: every key result gone overdue is announced once, and every
 * escalation owed by `now` is made once. The state remembers what was announced, so a tick that
 * repeats, or comes late after missed ones (a weekend down), adds only what is still missing.
 * A level with no one to tell (no lead above a tribe, an owner who is their own lead) is skipped.
 */
export const sweepCadence = (command: SweepCadence, state: UnitCadence): CadenceEvent[] => {
  const { data, actor, facts } = command;
  if (!isSystem(actor)) throw new Forbidden('Only the cadence scheduler sweeps a unit');
  rejectInvalid({ now: instantProblem(data.now) });
  const cadence = state.cadence ?? facts.defaultCadence;
  const events: CadenceEvent[] = [];
  for (const keyResult of data.keyResults) {
    const standing = keyResultStanding(cadence, keyResult, data.now);
    if (standing.status !== 'overdue') continue;
    const { objectiveId, keyResultId, ownerId } = keyResult;
    const missed = missedDueKey(objectiveId, keyResultId, standing.dueAt);
    const about = { unit: data.unit, objectiveId, keyResultId, ownerId, dueAt: standing.dueAt };
    if (!state.overdue.has(missed)) events.push({ type: 'CheckInOverdue', data: about });
    for (const level of standing.escalationsOwed) {
      const toPersonIds = facts.leads[level].filter((lead) => lead !== ownerId);
      if (toPersonIds.length === 0 || state.escalated.has(escalationKey(missed, level))) continue;
      events.push({ type: 'OverdueEscalated', data: { ...about, level, toPersonIds } });
    }
  }
  return events;
};
