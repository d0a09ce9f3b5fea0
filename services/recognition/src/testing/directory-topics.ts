import { randomUUID } from 'node:crypto';
import {
  blockerResolvedV1,
  checkInRecordedV1,
  cycleActivatedV1,
  cycleClosedV1,
  cyclePlannedV1,
  goalsIntegrationEventExamples,
  keyResultAchievedV1,
  keyResultAddedV1,
  objectiveAchievedV1,
  objectiveActivatedV1,
  objectiveCreatedV1,
  objectiveScoredV1,
  retrospectiveRecordedV1,
  type IntegrationEnvelope,
  type IntegrationEventDefinition,
} from '@rhythm/contracts';
import type { Owner } from '@rhythm/access-rules';
import type { z } from 'zod';

type DataSchema = z.ZodType<Record<string, unknown>>;

/** A contract's documented example, as the input of its schema: a test puts its ids over it. */
const example = <Schema extends DataSchema>(
  definition: IntegrationEventDefinition<string, Schema>,
): z.input<Schema> => goalsIntegrationEventExamples[definition.type] as z.input<Schema>;

/**
 * The goals and checkins topics of one organisation as their relays publish them, for the
 * recognition directory's tests: envelopes built by the contracts themselves (data validated),
 * stream ids as the services name them, revisions counted per stream, `occurredAt` chosen by the
 * test (now by default).
 */
export class SourceTopics {
  private readonly revisions = new Map<string, number>();
  private position = 0n;

  constructor(readonly tenantId: string) {}

  on<Type extends string, Schema extends DataSchema>(
    streamId: string,
    definition: IntegrationEventDefinition<Type, Schema>,
    data: z.input<Schema>,
    occurredAt = new Date().toISOString(),
  ): IntegrationEnvelope {
    const streamRevision = this.revisions.get(streamId) ?? 0;
    this.revisions.set(streamId, streamRevision + 1);
    this.position += 1n;
    return definition.envelope(
      {
        type: definition.type,
        data: {},
        streamId,
        streamRevision,
        globalPosition: this.position,
        recordedAt: new Date(occurredAt),
        metadata: {
          eventId: randomUUID(),
          tenantId: this.tenantId,
          actor: 'ann',
          correlationId: randomUUID(),
          causationId: randomUUID(),
          occurredAt,
        },
      },
      data,
    );
  }

  private cycle = (cycleId: string) => `cycle-${this.tenantId}.${cycleId}`;
  private objective = (objectiveId: string) => `objective-${this.tenantId}.${objectiveId}`;

  cyclePlanned(cycleId: string) {
    return this.on(this.cycle(cycleId), cyclePlannedV1, {
      ...example(cyclePlannedV1),
      cycleId,
      name: cycleId,
    });
  }

  cycleActivated(cycleId: string) {
    return this.on(this.cycle(cycleId), cycleActivatedV1, { cycleId });
  }

  cycleClosed(cycleId: string, at?: string) {
    return this.on(
      this.cycle(cycleId),
      cycleClosedV1,
      { cycleId, scoringRule: { kind: 'linear' } },
      at,
    );
  }

  /** An objective with one key result, activated: `owner` a unit or a person. */
  objectiveSet(
    objectiveId: string,
    cycleId: string,
    owner: Owner,
    keyResult: Readonly<{ keyResultId: string; ownerId: string }>,
    visibility: 'public' | 'private' = 'public',
  ): IntegrationEnvelope[] {
    const stream = this.objective(objectiveId);
    return [
      this.on(stream, objectiveCreatedV1, {
        ...example(objectiveCreatedV1),
        objectiveId,
        cycleId,
        title: `Objective ${objectiveId}`,
        owner,
        visibility,
      }),
      this.on(stream, keyResultAddedV1, {
        ...example(keyResultAddedV1),
        objectiveId,
        keyResultId: keyResult.keyResultId,
        title: `Key result ${keyResult.keyResultId}`,
        owner: keyResult.ownerId,
      }),
      this.on(stream, objectiveActivatedV1, { objectiveId }),
    ];
  }

  keyResultAchieved(objectiveId: string, keyResultId: string, at?: string) {
    return this.on(
      this.objective(objectiveId),
      keyResultAchievedV1,
      { objectiveId, keyResultId, value: 41, target: 40 },
      at,
    );
  }

  objectiveAchieved(objectiveId: string, at?: string) {
    return this.on(this.objective(objectiveId), objectiveAchievedV1, { objectiveId }, at);
  }

  objectiveScored(objectiveId: string, keyResultId: string, success: boolean) {
    return this.on(this.objective(objectiveId), objectiveScoredV1, {
      objectiveId,
      rule: { kind: 'linear' },
      keyResults: [
        { keyResultId, weight: 1, progress: 1, computed: 1, score: 1, overridden: false },
      ],
      score: success ? 1 : 0.4,
      grade: success ? 'green' : 'red',
      success,
    });
  }

  retrospectiveRecorded(objectiveId: string, author: string) {
    return this.on(this.objective(objectiveId), retrospectiveRecordedV1, {
      objectiveId,
      author,
      wentWell: 'Weekly NPS reviews with support',
      learned: 'Response time drives NPS',
      doDifferently: 'Measure the baseline first',
    });
  }

  checkInRecorded(
    objectiveId: string,
    keyResultId: string,
    authorId: string,
    recordedAt: string,
  ): IntegrationEnvelope {
    return this.on(
      `checkins-${this.tenantId}.${objectiveId}.${keyResultId}`,
      checkInRecordedV1,
      {
        objectiveId,
        keyResultId,
        checkInId: randomUUID(),
        authorId,
        value: 35,
        confidence: 7,
        band: 'on-track',
        recordedAt,
      },
      recordedAt,
    );
  }

  blockerResolved(blockerId: string, objectiveId: string, raisedBy: string, resolvedBy: string) {
    const at = new Date().toISOString();
    return this.on(`blocker-${this.tenantId}.${blockerId}`, blockerResolvedV1, {
      blockerId,
      objectiveId,
      raisedBy,
      resolvedBy,
      resolvedAt: at,
    });
  }
}
