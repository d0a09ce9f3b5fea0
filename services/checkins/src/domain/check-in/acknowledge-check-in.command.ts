import { Forbidden, RuleViolated, rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { KeyResultFacts } from '../goal-facts';
import { knownKeyResult } from '../goal-facts';
import { clean, instantProblem, limits, utc } from '../input-rules';
import type { CheckInAcknowledged } from './check-in.events';
import { existingCheckIn } from './check-in.rules';
import type { KeyResultCheckIns } from './check-in.state';

export type AcknowledgeCheckIn = Command<
  'AcknowledgeCheckIn',
  { objectiveId: string; keyResultId: string; checkInId: string; comment?: string; at: string },
  { keyResult: KeyResultFacts }
>;

/**
 * A lead acknowledges a check-in: one of the leads it named when it was recorded (ADR 0036). A
 * lead appointed since has no such duty and no such power; once acknowledged, it stays so.
 */
export const acknowledgeCheckIn = (
  command: AcknowledgeCheckIn,
  state: KeyResultCheckIns,
): CheckInAcknowledged[] => {
  const { data, actor } = command;
  knownKeyResult(command.facts.keyResult, data.objectiveId, data.keyResultId);
  const checkIn = existingCheckIn(state, data.checkInId);
  if (!checkIn.acknowledgers.includes(actor.personId)) {
    throw new Forbidden(
      `Only a lead of the objective or unit when check-in ${data.checkInId} was recorded can acknowledge it`,
    );
  }
  rejectInvalid({
    comment: textProblem(data.comment, limits.comment),
    at: instantProblem(data.at),
  });
  const { acknowledgement } = checkIn;
  if (acknowledgement?.by === actor.personId) return [];
  if (acknowledgement !== undefined) {
    throw new RuleViolated(`Check-in ${data.checkInId} is already acknowledged`, {
      checkIn: 'acknowledged',
    });
  }
  return [
    {
      type: 'CheckInAcknowledged',
      data: {
        objectiveId: data.objectiveId,
        keyResultId: data.keyResultId,
        checkInId: checkIn.checkInId,
        acknowledgedBy: actor.personId,
        comment: clean(data.comment),
        acknowledgedAt: utc(data.at),
      },
    },
  ];
};
