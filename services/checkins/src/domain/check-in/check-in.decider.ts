import type { Decider } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import type { AcknowledgeCheckIn } from './acknowledge-check-in.command';
import { acknowledgeCheckIn } from './acknowledge-check-in.command';
import type { CheckInEvent } from './check-in.events';
import type { KeyResultCheckIns } from './check-in.state';
import { evolveCheckIns, initialCheckIns } from './check-in.state';
import type { CorrectCheckIn } from './correct-check-in.command';
import { correctCheckIn } from './correct-check-in.command';
import type { RecordCheckIn } from './record-check-in.command';
import { recordCheckIn } from './record-check-in.command';

export type CheckInCommand = RecordCheckIn | CorrectCheckIn | AcknowledgeCheckIn;

const decide = (command: CheckInCommand, state: KeyResultCheckIns): readonly CheckInEvent[] => {
  switch (command.type) {
    case 'RecordCheckIn':
      return recordCheckIn(command, state);
    case 'CorrectCheckIn':
      return correctCheckIn(command, state);
    case 'AcknowledgeCheckIn':
      return acknowledgeCheckIn(command, state);
    default:
      return assertNever(command);
  }
};

/** Stream `checkins-<tenant>.<objectiveId>.<keyResultId>`: one key result's check-ins (ADR 0036). */
export const checkInDecider: Decider<CheckInCommand, KeyResultCheckIns, CheckInEvent> = {
  decide,
  evolve: evolveCheckIns,
  initialState: initialCheckIns,
};
