import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@rhythm/event-sourcing';
import {
  bandOf,
  checkinsStreams,
  defaultThresholds,
  type BlockerEvent,
  type CheckInEvent,
  type FeedbackTarget,
  type ThreadEvent,
} from '../src/checkins-domain';
import type { StaffedKeyResult } from '../src/testing/checkins-service.process';

/** One stream's past, appended in one call. */
export type StreamHistory = Readonly<{ streamId: string; events: NewEvent[] }>;

const day = 24 * 3600_000;
const week = 7 * day;

const stamped = <E extends CheckInEvent | ThreadEvent | BlockerEvent>(
  tenantId: string,
  actor: string,
  at: number,
  event: E,
): NewEvent => ({
  ...event,
  metadata: {
    eventId: randomUUID(),
    tenantId,
    actor,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date(at).toISOString(),
  },
});

/**
 * `weeks` weeks of a squad's life before `now`, as the deciders would have written them: each
 * key result's owner checks in on Thursday with rising values below 1 (the opening check-in
 * comes after, at 1) and the squad's lead acknowledges the next day; the lead comments on every
 * check-in and the owner reacts; every other week the owner raises a blocker waiting on the data
 * team, which the lead acknowledges and resolves. 110 events per key result and 20 weeks.
 */
export const historyOf = (
  tenantId: string,
  keyResults: readonly StaffedKeyResult[],
  weeks: number,
  now: number,
): StreamHistory[] =>
  keyResults.flatMap((keyResult) => {
    const { objectiveId, keyResultId, ownerId, leadId, squadId } = keyResult;
    const checkIns: NewEvent[] = [];
    const others: StreamHistory[] = [];
    for (let w = 0; w < weeks; w++) {
      const at = now - (weeks - w) * week;
      const checkInId = randomUUID();
      const confidence = 9 - (w % 7);
      checkIns.push(
        stamped(tenantId, ownerId, at, {
          type: 'CheckInRecorded',
          data: {
            objectiveId,
            keyResultId,
            checkInId,
            authorId: ownerId,
            value: (w + 1) / (weeks + 1),
            confidence,
            band: bandOf(confidence, defaultThresholds),
            thresholds: defaultThresholds,
            note: { progress: `Week ${w + 1} done`, obstacles: '', nextSteps: 'Keep going' },
            blockerIds: [],
            acknowledgers: [leadId],
            recordedAt: new Date(at).toISOString(),
          },
        }),
        stamped(tenantId, leadId, at + day, {
          type: 'CheckInAcknowledged',
          data: {
            objectiveId,
            keyResultId,
            checkInId,
            acknowledgedBy: leadId,
            comment: '',
            acknowledgedAt: new Date(at + day).toISOString(),
          },
        }),
      );
      const target: FeedbackTarget = { kind: 'check-in', objectiveId, keyResultId, checkInId };
      others.push({
        streamId: checkinsStreams.thread(tenantId, target),
        events: [
          stamped(tenantId, leadId, at + day, {
            type: 'CommentPosted',
            data: {
              target,
              commentId: randomUUID(),
              authorId: leadId,
              text: 'Thanks, good progress',
              postedAt: new Date(at + day).toISOString(),
            },
          }),
          stamped(tenantId, ownerId, at + 2 * day, {
            type: 'ReactionAdded',
            data: {
              target,
              reaction: 'thumbs-up',
              addedBy: ownerId,
              addedAt: new Date(at + 2 * day).toISOString(),
            },
          }),
        ],
      });
      if (w % 2 === 0) {
        const blockerId = randomUUID();
        others.push({
          streamId: checkinsStreams.blocker(tenantId, blockerId),
          events: [
            stamped(tenantId, ownerId, at, {
              type: 'BlockerRaised',
              data: {
                blockerId,
                target: { kind: 'key-result', objectiveId, keyResultId },
                description: 'The survey export is broken',
                waitsOn: { kind: 'outside', name: 'the data team' },
                raisedBy: ownerId,
                unit: { kind: 'squad', id: squadId },
                ownerIds: [leadId],
                raisedAt: new Date(at).toISOString(),
              },
            }),
            stamped(tenantId, leadId, at + day, {
              type: 'BlockerAcknowledged',
              data: {
                blockerId,
                acknowledgedBy: leadId,
                acknowledgedAt: new Date(at + day).toISOString(),
              },
            }),
            stamped(tenantId, leadId, at + 3 * day, {
              type: 'BlockerResolved',
              data: {
                blockerId,
                resolvedBy: leadId,
                note: 'The data team fixed the export',
                resolvedAt: new Date(at + 3 * day).toISOString(),
              },
            }),
          ],
        });
      }
    }
    return [
      {
        streamId: checkinsStreams.keyResultCheckIns(tenantId, objectiveId, keyResultId),
        events: checkIns,
      },
      ...others,
    ];
  });
