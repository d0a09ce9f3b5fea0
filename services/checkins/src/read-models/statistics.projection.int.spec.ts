import { type Event, type EventStore } from '@rhythm/event-sourcing';
import { TenantId, type Projection } from '@rhythm/projections';
import { ReadModelSandbox } from '@rhythm/projections/testing';
import { uniqueName } from '@rhythm/testing';
import {
  blockerDecider,
  cadenceDecider,
  checkInDecider,
  checkinsStreams,
  defaultCadence,
  defaultThresholds,
} from '../checkins-domain';
import { decideInStore } from '../testing/decide-in-store';
import { CheckinsReadModels } from './checkins-read-models';
import { statisticsProjection } from './statistics.projection';

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

const projection = statisticsProjection as unknown as Projection<Event, string>;

/**
 * The facts behind the statistics (ADR 0040), from the check-in, blocker and cadence streams of
 * one store: the same scenario as checkins-read-models.int.spec.ts, with a cadence set.
 */
describe('the statistics facts on FerretDB, fed from the PostgreSQL event store', () => {
  const tenantId = uniqueName('acme');
  const tenant = TenantId.of(tenantId);
  let store: EventStore;
  let sandbox: ReadModelSandbox;
  let readModels: CheckinsReadModels;

  const run = decideInStore(() => store, tenantId);

  beforeAll(async () => {
    sandbox = await ReadModelSandbox.open('checkins_statistics');
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
    await run(
      cadenceDecider,
      checkinsStreams.cadence(tenantId, 'squad', 'support'),
      'ann',
      {
        type: 'SetCadence',
        actor: { personId: 'ann' },
        data: {
          unit: support,
          cadence: {
            everyWeeks: 1,
            weekday: 5,
            time: '17:00',
            timeZone: 'UTC',
            startsOn: '2026-03-02',
          },
        },
        facts: { unit: { leadIds: ['ann'] }, actorIsAdmin: false },
      },
      '2026-03-02T08:00:00Z',
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
          confidence: 6,
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

    await sandbox.runToHead([projection]);
  });

  afterAll(() => sandbox?.dispose());

  it('is fed every event type it handles', () => {
    const seen = new Set(sandbox.eventsOf(projection).map((event) => event.type));
    expect([...projection.handles].filter((type) => !seen.has(type))).toEqual([]);
  });

  it("keeps each check-in's confidence with its corrections dated, by objective and author", async () => {
    const facts = readModels.statistics.checkIns;
    const all = await facts.ofObjectives(tenant, [objectiveId], '2026-12-31T00:00:00.000Z');
    expect(all.map(({ checkInId }) => checkInId).sort()).toEqual(['c1', 'c2']);
    expect(all.find((fact) => fact.checkInId === 'c1')).toMatchObject({
      authorId: 'bob',
      keyResultId,
      confidence: 8,
      recordedAt: '2026-03-05T10:00:00.000Z',
      corrections: [{ confidence: 6, at: '2026-03-05T11:00:00.000Z' }],
    });
    const early = await facts.ofObjectives(tenant, [objectiveId], '2026-03-10T00:00:00.000Z');
    expect(early.map(({ checkInId }) => checkInId)).toEqual(['c1']);
    expect(
      (await facts.by(tenant, 'bob', '2026-12-31T00:00:00.000Z'))
        .map((fact) => fact.checkInId)
        .sort(),
    ).toEqual(['c1', 'c2']);
    expect(await facts.by(tenant, 'ann', '2026-12-31T00:00:00.000Z')).toEqual([]);
  });

  it("keeps a blocker's unit and its first acknowledgement, which an escalation does not move", async () => {
    const raised = await readModels.statistics.blockers.raisedIn(
      tenant,
      support,
      '2026-03-01T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    );
    expect(raised).toEqual([
      expect.objectContaining({
        blockerId: 'b1',
        unitKey: 'squad:support',
        raisedAt: '2026-03-12T10:05:00.000Z',
        firstAcknowledgedAt: '2026-03-12T14:00:00.000Z',
        resolvedAt: '2026-03-16T09:00:00.000Z',
      }),
    ]);
    expect(
      await readModels.statistics.blockers.raisedIn(
        tenant,
        support,
        '2026-03-01T00:00:00.000Z',
        '2026-03-12T10:00:00.000Z',
      ),
    ).toEqual([]);
  });

  it("keeps the unit's cadence from the moment it was set, and what its sweeps announced", async () => {
    expect(await readModels.statistics.cadences.of(tenant, support)).toMatchObject({
      changes: [
        {
          cadence: { everyWeeks: 1, weekday: 5, time: '17:00', startsOn: '2026-03-02' },
          from: '2026-03-02T08:00:00.000Z',
        },
      ],
    });
    const announced = await readModels.statistics.overdue.announcedIn(
      tenant,
      support,
      '2026-03-01T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    );
    expect(announced.map(({ kind, dueAt }) => [kind, dueAt]).sort()).toEqual([
      ['lead', '2026-03-20T17:00:00.000Z'],
      ['overdue', '2026-03-20T17:00:00.000Z'],
    ]);
  });

  it('changes nothing when every event is applied a second time, in any order', () =>
    sandbox.expectReplayChangesNothing([projection], tenantId));

  it('rebuilds from zero into identical documents', () =>
    sandbox.expectRebuildIdentical([projection], tenantId));
});
