import {
  checkinsIntegrationEvents,
  ContractRegistry,
  integrationTopics,
  topicForEventType,
} from '@rhythm/contracts';
import { identifierMaxLength, type RecordedEvent } from '@rhythm/event-sourcing';
import { toCheckinsIntegrationEvent, type CheckinsEvent } from './checkins-integration-events';
import {
  checkInDecider,
  checkinsStreams,
  defaultThresholds,
  evolveCheckIns,
  initialCheckIns,
  inputLimits,
  type CheckInEvent,
  type Actor,
  type CheckInNote,
  type KnownKeyResult,
} from './checkins-domain';

const registry = new ContractRegistry(checkinsIntegrationEvents);
const bob: Actor = { personId: 'bob' }; // owns the NPS key result
const objectiveId = '5a0c1f0e-8d1c-4b0a-9a39-5d1a9e0f3c11';
const keyResultId = '9b7e3d2a-1f4c-4e8b-a6d5-3c2b1a0f9e88';
const npsKeyResult: KnownKeyResult = {
  ownerId: 'bob',
  contributorIds: [],
  objectiveLeadIds: ['ann'],
  unitLeadIds: ['ann'],
  acceptsCheckIns: true,
};
const tenant = `t${'0.a_b-'.repeat(10)}xyz`;
const stream = checkinsStreams.keyResultCheckIns(tenant, objectiveId, keyResultId);
const note: CheckInNote = { progress: 'NPS 38', obstacles: '', nextSteps: 'Call churned' };
const longestNote: CheckInNote = {
  progress: 'Å'.repeat(inputLimits.notePart.max),
  obstacles: 'Å'.repeat(inputLimits.notePart.max),
  nextSteps: 'Å'.repeat(inputLimits.notePart.max),
};

let position = 0n;
const recorded = (event: CheckinsEvent, actor = bob.personId): RecordedEvent<CheckinsEvent> => ({
  ...event,
  streamId: stream,
  streamRevision: Number(position),
  globalPosition: ++position,
  recordedAt: new Date('2026-03-06T15:30:00Z'),
  metadata: {
    eventId: `3f2504e0-4f89-41d3-9a0c-0305e82c33${String(position).padStart(2, '0')}`,
    tenantId: tenant,
    actor,
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    occurredAt: '2026-03-06T15:30:00.000Z',
  },
});

/** What the real decider records: a check-in by bob, then his correction of it. */
const history = (checkInId: string, reason: string, notes = note): CheckInEvent[] => {
  const checkedIn = checkInDecider.decide(
    {
      type: 'RecordCheckIn',
      actor: bob,
      data: {
        objectiveId,
        keyResultId,
        checkInId,
        value: 38,
        confidence: 8,
        note: notes,
        blockerIds: ['blk-1'],
        at: '2026-03-06T16:30:00+01:00',
      },
      facts: { keyResult: npsKeyResult, thresholds: defaultThresholds },
    },
    initialCheckIns(),
  );
  const state = checkedIn.reduce(evolveCheckIns, initialCheckIns());
  const corrected = checkInDecider.decide(
    {
      type: 'CorrectCheckIn',
      actor: bob,
      data: {
        objectiveId,
        keyResultId,
        checkInId,
        value: 35,
        confidence: 5,
        note: notes,
        reason,
        at: '2026-03-07T09:00:00Z',
      },
      facts: { keyResult: npsKeyResult },
    },
    state,
  );
  return [...checkedIn, ...corrected];
};

describe('checkins integration events from the checkins domain events', () => {
  it('a check-in becomes checkins.check-in-recorded v1: value and confidence, not the note', () => {
    const [checkedIn] = history('week-1', 'Export double-counted');
    const envelope = toCheckinsIntegrationEvent(recorded(checkedIn));

    expect(envelope).toMatchObject({
      type: 'checkins.check-in-recorded',
      version: 1,
      tenantId: tenant,
      streamId: stream,
      actor: 'bob',
      data: {
        objectiveId,
        keyResultId,
        checkInId: 'week-1',
        authorId: 'bob',
        value: 38,
        confidence: 8,
        band: 'on-track',
        recordedAt: '2026-03-06T15:30:00.000Z',
      },
    });
    expect(Object.keys(envelope?.data ?? {}).sort()).toEqual(
      ['authorId', 'band', 'checkInId', 'confidence', 'keyResultId', 'objectiveId'].concat(
        'recordedAt',
        'value',
      ),
    );
    expect(topicForEventType(envelope?.type ?? '')).toBe(integrationTopics.checkins);
  });

  it('a correction becomes checkins.check-in-corrected v1, naming its author and whether it was the latest', () => {
    const [, correction] = history('week-1', 'Export double-counted');
    const envelope = toCheckinsIntegrationEvent(recorded(correction));

    expect(envelope).toMatchObject({
      type: 'checkins.check-in-corrected',
      data: {
        checkInId: 'week-1',
        authorId: 'bob',
        value: { before: 38, after: 35 },
        confidence: { before: 8, after: 5 },
        band: { before: 'on-track', after: 'at-risk' },
        reason: 'Export double-counted',
        latest: true,
        correctedAt: '2026-03-07T09:00:00.000Z',
      },
    });
  });

  it("a blocker's resolution becomes checkins.blocker-resolved v1: its goal and people, not the note", () => {
    const resolved: CheckinsEvent = {
      type: 'BlockerResolved',
      data: {
        blockerId: 'blk-1',
        target: { kind: 'key-result', objectiveId, keyResultId },
        raisedBy: 'bob',
        resolvedBy: 'ann',
        note: 'The vendor fixed the export',
        resolvedAt: '2026-03-09T10:00:00.000Z',
      },
    };
    const envelope = toCheckinsIntegrationEvent(recorded(resolved, 'ann'));

    expect(envelope).toMatchObject({ type: 'checkins.blocker-resolved', version: 1 });
    expect(envelope?.data).toEqual({
      blockerId: 'blk-1',
      objectiveId,
      keyResultId,
      raisedBy: 'bob',
      resolvedBy: 'ann',
      resolvedAt: '2026-03-09T10:00:00.000Z',
    });
    expect(registry.safeParse(envelope).success).toBe(true);
    const onObjective = toCheckinsIntegrationEvent(
      recorded({
        ...resolved,
        data: { ...resolved.data, target: { kind: 'objective', objectiveId } },
      }),
    );
    expect(onObjective?.data).not.toHaveProperty('keyResultId');
    // Recorded before the resolution kept its target: whose it was is unknown, so not published.
    const { target: _target, ...untargeted } = resolved.data;
    expect(toCheckinsIntegrationEvent(recorded({ ...resolved, data: untargeted }))).toBeUndefined();
  });

  it("acknowledgements, the rest of a blocker's life and cadence are not published", () => {
    const inside: CheckinsEvent[] = [
      {
        type: 'CheckInAcknowledged',
        data: {
          objectiveId,
          keyResultId,
          checkInId: 'week-1',
          acknowledgedBy: 'ann',
          comment: '',
          acknowledgedAt: '2026-03-07T09:00:00.000Z',
        },
      },
      {
        type: 'BlockerAcknowledged',
        data: { blockerId: 'blk-1', acknowledgedBy: 'ann', acknowledgedAt: '2026-03-07T09:00:00Z' },
      },
    ];
    for (const event of inside) expect(toCheckinsIntegrationEvent(recorded(event))).toBeUndefined();
  });

  it('the longest ids, tenant, note and reason the domain accepts pass the published contract', () => {
    const checkInId = `c${'1.d_e-'.repeat(10)}xyz`;
    expect(checkInId).toHaveLength(identifierMaxLength);
    const reason = 'Å'.repeat(inputLimits.reason.max);
    for (const event of history(checkInId, reason, longestNote)) {
      const result = registry.safeParse(toCheckinsIntegrationEvent(recorded(event)));
      expect(result.success ? 'accepted' : result.error.message).toBe('accepted');
    }
  });
});
