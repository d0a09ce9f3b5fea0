import { type Event, type EventStore } from '@rhythm/event-sourcing';
import { TenantId, type Projection } from '@rhythm/projections';
import { ReadModelSandbox } from '@rhythm/projections/testing';
import { uniqueName } from '@rhythm/testing';
import {
  absenceDecider,
  blockerDecider,
  cadenceDecider,
  checkInDecider,
  checkinsStreams,
  defaultCadence,
  defaultThresholds,
} from '../checkins-domain';
import { absencesProjection } from './absences.projection';
import { blockersProjection } from './blockers.projection';
import { checkInsProjection } from './check-ins.projection';
import { decideInStore } from '../testing/decide-in-store';
import { CheckinsReadModels } from './checkins-read-models';
import { feedProjection } from './feed.projection';
import { overdueProjection } from './overdue.projection';

const objectiveId = '5a0c1f0e-8d1c-4b0a-9a39-5d1a9e0f3c11';
const keyResultId = '9b7e3d2a-1f4c-4e8b-a6d5-3c2b1a0f9e88';
const support = { kind: 'squad', id: 'support' } as const;
const nps = {
  ownerId: 'bob',
  contributorIds: ['cleo'],
  objectiveLeadIds: ['ann'],
  unitLeadIds: ['ann'],
  acceptsCheckIns: true,
};

/** The projections this spec covers: what the service's core commands write. */
const projections = [
  checkInsProjection,
  blockersProjection,
  overdueProjection,
  feedProjection,
  absencesProjection,
] as unknown as readonly Projection<Event, string>[];

describe('checkins read models on FerretDB, fed from the PostgreSQL event store', () => {
  const tenantId = uniqueName('acme');
  const tenant = TenantId.of(tenantId);
  let sandbox: ReadModelSandbox;
  let store: EventStore;
  let readModels: CheckinsReadModels;

  const run = decideInStore(() => store, tenantId);

  beforeAll(async () => {
    sandbox = await ReadModelSandbox.open('checkins_rm');
    store = sandbox.store;
    readModels = new CheckinsReadModels(sandbox.connection);

    // Two weeks of the Support squad's NPS key result (Fridays 17:00 UTC: 6 and 13 March).
    const checkIns = checkinsStreams.keyResultCheckIns(tenantId, objectiveId, keyResultId);
    const checkIn = (checkInId: string, value: number, confidence: number, at: string) =>
      run(
        checkInDecider,
        checkIns,
        'bob',
        {
          type: 'RecordCheckIn',
          actor: { personId: 'bob' },
          data: {
            objectiveId,
            keyResultId,
            checkInId,
            value,
            confidence,
            note: { progress: `week of ${at}`, obstacles: '', nextSteps: '' },
            at,
          },
          facts: { keyResult: nps, thresholds: defaultThresholds },
        },
        at,
      );
    await checkIn('c1', 32, 8, '2026-03-05T10:00:00Z');
    await run(
      checkInDecider,
      checkIns,
      'bob',
      {
        type: 'CorrectCheckIn',
        actor: { personId: 'bob' },
        data: {
          objectiveId,
          keyResultId,
          checkInId: 'c1',
          value: 31,
          confidence: 8,
          note: { progress: 'recounted', obstacles: '', nextSteps: '' },
          reason: 'The export counted a survey twice',
          at: '2026-03-05T11:00:00Z',
        },
        facts: { keyResult: nps },
      },
      '2026-03-05T11:00:00Z',
    );
    await run(
      checkInDecider,
      checkIns,
      'ann',
      {
        type: 'AcknowledgeCheckIn',
        actor: { personId: 'ann' },
        data: {
          objectiveId,
          keyResultId,
          checkInId: 'c1',
          comment: 'Good catch',
          at: '2026-03-05T12:00:00Z',
        },
        facts: { keyResult: nps },
      },
      '2026-03-05T12:00:00Z',
    );
    await checkIn('c2', 33, 5, '2026-03-12T10:00:00Z');

    const blocker = checkinsStreams.blocker(tenantId, 'b1');
    await run(
      blockerDecider,
      blocker,
      'bob',
      {
        type: 'RaiseBlocker',
        actor: { personId: 'bob' },
        data: {
          blockerId: 'b1',
          target: { kind: 'key-result', objectiveId, keyResultId },
          description: 'The survey export is broken',
          waitsOn: { kind: 'person', personId: 'dora' },
          escalateAfter: '2026-03-14T10:00:00Z',
          at: '2026-03-12T10:05:00Z',
        },
        facts: { target: { involvedIds: ['bob', 'ann'], unit: support, unitLeadIds: ['ann'] } },
      },
      '2026-03-12T10:05:00Z',
    );
    await run(
      blockerDecider,
      blocker,
      'ann',
      {
        type: 'AcknowledgeBlocker',
        actor: { personId: 'ann' },
        data: { blockerId: 'b1', at: '2026-03-12T14:00:00Z' },
        facts: { visible: true },
      },
      '2026-03-12T14:00:00Z',
    );
    await run(
      blockerDecider,
      blocker,
      'system:cadence-scheduler',
      {
        type: 'EscalateBlocker',
        actor: { personId: 'system:cadence-scheduler' },
        data: { blockerId: 'b1', at: '2026-03-14T10:01:00Z' },
        facts: {
          visible: true,
          above: { unit: { kind: 'tribe', id: 'customer' }, leadIds: ['tom'] },
        },
      },
      '2026-03-14T10:01:00Z',
    );
    await run(
      blockerDecider,
      blocker,
      'tom',
      {
        type: 'ResolveBlocker',
        actor: { personId: 'tom' },
        data: { blockerId: 'b1', note: 'Fixed by the data team', at: '2026-03-16T09:00:00Z' },
        facts: { visible: true },
      },
      '2026-03-16T09:00:00Z',
    );

    // Two more blockers past their deadline on another objective: a squad's and a tribe's.
    const otherObjectiveId = '6b1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5';
    for (const [blockerId, unit] of [
      ['b2', support],
      ['b3', { kind: 'tribe', id: 'customer' }],
    ] as const) {
      await run(
        blockerDecider,
        checkinsStreams.blocker(tenantId, blockerId),
        'bob',
        {
          type: 'RaiseBlocker',
          actor: { personId: 'bob' },
          data: {
            blockerId,
            target: { kind: 'objective', objectiveId: otherObjectiveId },
            description: 'Waiting on the legal review',
            waitsOn: { kind: 'outside', name: 'legal' },
            escalateAfter: '2026-03-14T10:00:00Z',
            at: '2026-03-12T11:00:00Z',
          },
          facts: { target: { involvedIds: ['bob'], unit, unitLeadIds: ['ann'] } },
        },
        '2026-03-12T11:00:00Z',
      );
    }

    // The week of 20 March passes without a check-in: overdue, then the lead is told.
    const sweep = (now: string) =>
      run(
        cadenceDecider,
        checkinsStreams.cadence(tenantId, 'squad', 'support'),
        'system:cadence-scheduler',
        {
          type: 'SweepCadence',
          actor: { personId: 'system:cadence-scheduler' },
          data: {
            unit: support,
            now,
            keyResults: [
              {
                objectiveId,
                keyResultId,
                ownerId: 'bob',
                since: '2026-03-02T00:00:00Z',
                checkIns: ['2026-03-12T10:00:00Z'],
                outOfOffice: [],
              },
            ],
          },
          facts: {
            leads: { lead: ['ann'], 'next-lead': ['tom'] },
            defaultCadence: defaultCadence('UTC', '2000-01-03'),
          },
        },
        now,
      );
    await sweep('2026-03-20T18:00:00Z');
    await sweep('2026-03-25T09:00:00Z');

    await run(
      absenceDecider,
      checkinsStreams.absence(tenantId, 'bob'),
      'bob',
      {
        type: 'DeclareOutOfOffice',
        actor: { personId: 'bob' },
        data: {
          personId: 'bob',
          absenceId: 'ski.trip',
          from: '2026-04-01T00:00:00Z',
          until: '2026-04-08T00:00:00Z',
        },
        facts: { leadIds: ['ann'], actorIsAdmin: false },
      },
      '2026-03-25T10:00:00Z',
    );

    await sandbox.runToHead(projections);
  });

  afterAll(() => sandbox?.dispose());

  it("keeps a key result's history, with the correction and the acknowledgement", async () => {
    const history = await readModels.checkIns.ofKeyResult(tenant, objectiveId, keyResultId);
    expect(history.map(({ checkInId, value }) => [checkInId, value])).toEqual([
      ['c2', 33],
      ['c1', 31],
    ]);
    expect(history[1]).toMatchObject({
      corrections: [{ reason: 'The export counted a survey twice', before: { value: 32 } }],
      awaitingAcknowledgement: false,
      acknowledgedBy: 'ann',
    });
    expect(await readModels.checkIns.awaitingAcknowledgementBy(tenant, 'ann')).toEqual([
      expect.objectContaining({ checkInId: 'c2' }),
    ]);
    expect(await readModels.pulse.of(tenant, objectiveId, keyResultId)).toMatchObject({
      value: 33,
      band: 'at-risk',
      checkIns: 2,
    });
  });

  it("keeps a blocker's owners over time and its times", async () => {
    const blocker = await readModels.blockers.findById(tenant, 'b1');
    expect(blocker).toMatchObject({
      status: 'resolved',
      ownerIds: ['tom'],
      owners: [
        { ownerIds: ['ann'], from: '2026-03-12T10:05:00.000Z' },
        { ownerIds: ['tom'], from: '2026-03-14T10:01:00.000Z' },
      ],
      firstAcknowledgedAt: '2026-03-12T14:00:00.000Z',
      resolvedAt: '2026-03-16T09:00:00.000Z',
      waitsOnPersonId: 'dora',
    });
    expect(await readModels.blockers.waitingOn(tenant, 'dora')).toEqual([]);
  });

  it('lists the blockers past their deadline that can go one level up: not a tribe’s', async () => {
    const due = await readModels.blockers.pastDeadline(tenant, '2026-03-15T00:00:00.000Z');
    expect(due.map((blocker) => blocker.blockerId)).toEqual(['b2']);
    expect(await readModels.blockers.pastDeadline(tenant, '2026-03-13T00:00:00.000Z')).toEqual([]);
  });

  it('lists the missed week for its owner and the lead told of it', async () => {
    const owed = await readModels.overdue.ofOwner(tenant, 'bob');
    expect(owed).toEqual([
      expect.objectContaining({ dueAt: '2026-03-20T17:00:00.000Z', levels: ['lead'] }),
    ]);
    expect(await readModels.overdue.toldTo(tenant, 'ann')).toHaveLength(1);
    expect(await readModels.overdue.toldTo(tenant, 'tom')).toEqual([]);
  });

  it("feeds the objective's check-ins and blockers, newest first, paged", async () => {
    const first = await readModels.feed.ofObjectives(tenant, [objectiveId], undefined, 2);
    expect(first.map((entry) => entry.kind)).toEqual(['blocker-raised', 'check-in']);
    const next = await readModels.feed.ofObjectives(tenant, [objectiveId], first.at(-1)!.at, 10);
    expect(next.map((entry) => entry.kind)).toEqual(['check-in-corrected', 'check-in']);
  });

  it('keeps absences by person, an id with a dot included', async () => {
    const absences = await readModels.absences.of(tenant, ['bob', 'cleo']);
    expect(absences.get('bob')).toEqual([
      { from: '2026-04-01T00:00:00.000Z', until: '2026-04-08T00:00:00.000Z' },
    ]);
    expect(absences.has('cleo')).toBe(false);
  });

  it('changes nothing when every event is applied a second time, in any order', () =>
    sandbox.expectReplayChangesNothing(projections, tenantId));

  it('rebuilds from zero into identical documents', () =>
    sandbox.expectRebuildIdentical(projections, tenantId));
});
