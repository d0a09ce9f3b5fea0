import { AlreadyExists, Forbidden, RuleViolated } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { KeyResultFacts } from '../goal-facts';
import { knownKeyResult } from '../goal-facts';
import { idListProblem, instantProblem, limits, utc } from '../input-rules';
import type { CheckInNote, CheckInRecorded } from './check-in.events';
import { cleanNote, rejectInvalidReading } from './check-in.rules';
import type { KeyResultCheckIns } from './check-in.state';
import { findCheckIn, latestCheckIn } from './check-in.state';
import type { ConfidenceThresholds } from './confidence';
import { bandOf } from './confidence';

export type RecordCheckIn = Command<
  'RecordCheckIn',
  {
    objectiveId: string;
    keyResultId: string;
    checkInId: string;
    value: number;
    confidence: number;
    note: CheckInNote;
    blockerIds?: readonly string[];
    at: string;
  },
  { keyResult: KeyResultFacts; thresholds: ConfidenceThresholds }
>;

/**
 * A check-in by one accountable for the key result: its owner, a contributor or the objective's
 * lead. Order (docs/security.md): the key result exists and is visible (404), the caller may
 * check in (403), the input (400), then the state (409).
 */
export const recordCheckIn = (
  command: RecordCheckIn,
  state: KeyResultCheckIns,
): CheckInRecorded[] => {
  const { data, actor, facts } = command;
  const keyResult = knownKeyResult(facts.keyResult, data.objectiveId, data.keyResultId);
  const accountable = [
    keyResult.ownerId,
    ...keyResult.contributorIds,
    ...keyResult.objectiveLeadIds,
  ];
  if (!accountable.includes(actor.personId)) {
    throw new Forbidden(
      `Only the owner of key result ${data.keyResultId}, its contributors or the objective's lead can check in on it`,
    );
  }
  const blockerIds = data.blockerIds ?? [];
  rejectInvalidReading(data, {
    blockerIds: idListProblem(blockerIds, limits.blockersPerCheckIn),
    at: instantProblem(data.at),
  });
  if (findCheckIn(state, data.checkInId) !== undefined) {
    throw new AlreadyExists(`Check-in ${data.checkInId} already exists`);
  }
  if (!keyResult.acceptsCheckIns) {
    throw new RuleViolated(
      `Cannot check in on key result ${data.keyResultId}: objective ${data.objectiveId} is not active in a running cycle`,
      { keyResult: 'not accepting check-ins' },
    );
  }
  const recordedAt = utc(data.at);
  const previous = latestCheckIn(state);
  // The stream's order is the key result's history: a check-in never lands before the last one.
  if (previous !== undefined && previous.recordedAt > recordedAt) {
    throw new RuleViolated(`Check-in ${data.checkInId} is older than the latest check-in`, {
      at: 'before the latest check-in',
    });
  }
  const acknowledgers = [
    ...new Set([...keyResult.objectiveLeadIds, ...keyResult.unitLeadIds]),
  ].filter((lead) => lead !== actor.personId);
  return [
    {
      type: 'CheckInRecorded',
      data: {
        objectiveId: data.objectiveId,
        keyResultId: data.keyResultId,
        checkInId: data.checkInId,
        authorId: actor.personId,
        value: data.value,
        confidence: data.confidence,
        band: bandOf(data.confidence, facts.thresholds),
        thresholds: facts.thresholds,
        note: cleanNote(data.note),
        blockerIds,
        acknowledgers,
        recordedAt,
      },
    },
  ];
};
