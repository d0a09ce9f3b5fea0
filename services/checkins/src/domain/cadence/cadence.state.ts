import { assertNever } from '@rhythm/event-sourcing';
import type { Cadence } from './cadence';
import type { CadenceEvent } from './cadence.events';
import type { EscalationLevel } from './key-result-standing';

/**
 * What a sweep must not repeat: the overdue moments it announced and the escalations it made,
 * each keyed by key result and due moment. That is what makes a sweep idempotent.
 */
export type UnitCadence = Readonly<{
  cadence?: Cadence;
  overdue: ReadonlySet<string>;
  escalated: ReadonlySet<string>;
}>;

export const initialUnitCadence = (): UnitCadence => ({
  overdue: new Set(),
  escalated: new Set(),
});

export const missedDueKey = (objectiveId: string, keyResultId: string, dueAt: string): string =>
  `${objectiveId}/${keyResultId}@${dueAt}`;

export const escalationKey = (missed: string, level: EscalationLevel): string =>
  `${missed}#${level}`;

export const evolveUnitCadence = (state: UnitCadence, event: CadenceEvent): UnitCadence => {
  switch (event.type) {
    case 'CadenceSet':
      return { ...state, cadence: event.data.cadence };
    case 'CheckInOverdue': {
      const { objectiveId, keyResultId, dueAt } = event.data;
      return {
        ...state,
        overdue: new Set(state.overdue).add(missedDueKey(objectiveId, keyResultId, dueAt)),
      };
    }
    case 'OverdueEscalated': {
      const { objectiveId, keyResultId, dueAt, level } = event.data;
      const key = escalationKey(missedDueKey(objectiveId, keyResultId, dueAt), level);
      return { ...state, escalated: new Set(state.escalated).add(key) };
    }
    default:
      return assertNever(event);
  }
};
