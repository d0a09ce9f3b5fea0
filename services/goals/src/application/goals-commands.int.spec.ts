import { randomUUID } from 'node:crypto';
import {
  Forbidden,
  NotFound,
  ValidationFailed,
  WrongExpectedRevision,
  type Clock,
  type EventStore,
  type RecordedEvent,
} from '@rhythm/event-sourcing';
import { createPostgresEventStore, type PostgresEventStore } from '@rhythm/event-store-postgres';
import type { AuthenticatedActor } from '@rhythm/identity';
import { testInfrastructure, uniqueName } from '@rhythm/testing';
import { Client } from 'pg';
import type { GoalsConfiguration } from '../goals-configuration';
import { goalsStreams } from '../goals-domain';
import { InMemoryOrgDirectory } from '../testing/in-memory-org-directory';
import { AmbitionCommandHandlers } from './ambitions/ambition-command.handlers';
import { CycleCloseProcess } from './cycles/cycle-close.process';
import { CycleCommandHandlers } from './cycles/cycle-command.handlers';
import { GoalsFactsReader } from './goals-facts.reader';
import { ObjectiveSnapshots } from './objective-snapshots';
import { ObjectiveCommandHandlers } from './objectives/objective-command.handlers';
import { ProposalCommandHandlers } from './proposals/proposal-command.handlers';
import { VisibilityGate } from './visibility/visibility.gate';

jest.setTimeout(60_000);

/**
 * The command path against the real PostgreSQL event store: facts folded from streams, bounded
 * retries on a version conflict, metadata on every event, the approval and cycle-close processes.
 * The org directory is the port's in-memory double: the org topic is the e2e spec's subject.
 */
describe('Goals command handlers on the PostgreSQL event store', () => {
  const schema = uniqueName('goals_cmd');
  const tenant = uniqueName('acme');
  const squad = { kind: 'squad' as const, id: 'customer-support' };
  let store: PostgresEventStore;
  let now = new Date('2026-01-05T09:00:00.000Z');
  const clock: Clock = { now: () => now };
  const directory = new InMemoryOrgDirectory(tenant)
    .withUnit(squad, 'Customer Support')
    .withUnit({ kind: 'guild', id: 'service-design' })
    .withPerson('olga')
    .withPerson('pia', [squad])
    .withPerson('max')
    .withPerson('cara', [{ kind: 'guild', id: 'service-design' }]);
  const person = (personId: string, roles: AuthenticatedActor['roles'] = ['member']) =>
    ({ personId, tenantId: tenant, roles, correlationId: randomUUID() }) as AuthenticatedActor;
  const olga = () => person('olga', ['admin']);
  const pia = () => person('pia');
  const max = () => person('max');

  const handlersOn = (eventStore: EventStore) => {
    const visibility = new VisibilityGate(directory);
    // Snapshots held in memory only: the read store is not this spec's subject.
    const snapshots = new ObjectiveSnapshots(eventStore);
    const facts = new GoalsFactsReader(
      eventStore,
      directory,
      { GOALS_ORG_WAIT_MS: 0 } as GoalsConfiguration,
      visibility,
      snapshots,
    );
    return {
      cycles: new CycleCommandHandlers(
        eventStore,
        clock,
        facts,
        new CycleCloseProcess(eventStore, facts),
      ),
      objectives: new ObjectiveCommandHandlers(eventStore, clock, facts, visibility, snapshots),
      proposals: new ProposalCommandHandlers(eventStore, clock, facts, visibility),
      ambitions: new AmbitionCommandHandlers(eventStore, clock, facts, visibility),
    };
  };
  let goals: ReturnType<typeof handlersOn>;
  const objectiveStream = (objectiveId: string) => goalsStreams.objective(tenant, objectiveId);
  const typesOf = (events: readonly RecordedEvent[]) => events.map((event) => event.type);

  const nps = {
    title: 'Raise NPS by 10 points',
    metric: {
      type: 'number' as const,
      unit: 'points',
      start: 31,
      target: 41,
      direction: 'increase' as const,
    },
    owner: 'pia',
    weight: 2,
  };

  beforeAll(async () => {
    store = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await store.migrate();
    goals = handlersOn(store);
  });

  afterAll(async () => {
    await store?.close();
    const pg = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.end();
  });

  /** A running cycle with the squad's active objective and its NPS key result. */
  const squadObjective = async () => {
    const cycleId = uniqueName('q1').replace(/_/g, '-');
    await goals.cycles.plan(olga(), {
      cycleId,
      name: 'Q1 2026',
      startsOn: '2026-01-01',
      endsOn: '2026-03-31',
    });
    await goals.cycles.activate(olga(), cycleId, undefined);
    const { id: objectiveId } = await goals.objectives.define(pia(), {
      cycleId,
      title: 'Customers love talking to support',
      owner: squad,
      kind: 'committed',
    });
    const { keyResultId } = await goals.objectives.addKeyResult(pia(), objectiveId, nps, undefined);
    await goals.objectives.activate(pia(), objectiveId, undefined);
    return { cycleId, objectiveId, keyResultId };
  };

  it('records who, when, why and in which request on every event', async () => {
    const { objectiveId, keyResultId } = await squadObjective();
    now = new Date('2026-02-10T10:30:00.000Z');
    const issuer = pia();
    await goals.objectives.adjustTarget(
      issuer,
      objectiveId,
      keyResultId,
      { target: 38, reason: 'Survey moves to monthly in February' },
      undefined,
    );
    const adjusted = (await store.readStream(objectiveStream(objectiveId))).at(-1);
    expect(adjusted).toMatchObject({
      type: 'KeyResultTargetAdjusted',
      data: { target: { before: 41, after: 38 }, lowersAmbition: true },
      metadata: {
        tenantId: tenant,
        actor: 'pia',
        correlationId: issuer.correlationId,
        occurredAt: '2026-02-10T10:30:00.000Z',
        reason: 'Survey moves to monthly in February',
      },
    });
    expect(adjusted?.metadata.causationId).toEqual(expect.any(String));
  });

  it('refuses to lower a target without a reason, naming the field', async () => {
    const { objectiveId, keyResultId } = await squadObjective();
    await expect(
      goals.objectives.adjustTarget(pia(), objectiveId, keyResultId, { target: 38 }, undefined),
    ).rejects.toMatchObject({
      constructor: ValidationFailed,
      fields: { reason: 'is required to lower the target of a key result of an active objective' },
    });
  });

  it('decides again on the latest state after a concurrent change, then appends', async () => {
    const { objectiveId, keyResultId } = await squadObjective();
    const competing = handlersOn(store);
    let raced = false;
    // Another writer records progress between this command's read and its append, once.
    const racing = handlersOn(
      new Proxy(store, {
        get(target, property, receiver) {
          if (property === 'append' && !raced) {
            return async (...args: Parameters<EventStore['append']>) => {
              raced = true;
              await competing.objectives.recordProgress(
                pia(),
                objectiveId,
                keyResultId,
                { value: 33 },
                undefined,
              );
              return target.append(...args);
            };
          }
          const value = Reflect.get(target, property, receiver) as unknown;
          return typeof value === 'function' ? (value.bind(target) as unknown) : value;
        },
      }),
    );
    const outcome = await racing.objectives.recordProgress(
      pia(),
      objectiveId,
      keyResultId,
      { value: 35 },
      undefined,
    );
    const events = await store.readStream(objectiveStream(objectiveId));
    const progress = events.filter((event) => event.type === 'KeyResultProgressed');
    expect(progress.map((event) => event.data)).toEqual([
      expect.objectContaining({ value: { before: 31, after: 33 } }),
      expect.objectContaining({ value: { before: 33, after: 35 } }),
    ]);
    expect(outcome.revision).toBe(events.length - 1);
  });

  it('gives up after a bounded number of conflicts, and on a stale If-Match at once', async () => {
    const { objectiveId, keyResultId } = await squadObjective();
    const competing = handlersOn(store);
    let value = 31;
    let appends = 0;
    // Another writer wins every race.
    const losing = handlersOn(
      new Proxy(store, {
        get(target, property, receiver) {
          if (property === 'append') {
            return async (...args: Parameters<EventStore['append']>) => {
              appends += 1;
              await competing.objectives.recordProgress(
                pia(),
                objectiveId,
                keyResultId,
                { value: ++value },
                undefined,
              );
              return target.append(...args);
            };
          }
          const member = Reflect.get(target, property, receiver) as unknown;
          return typeof member === 'function' ? (member.bind(target) as unknown) : member;
        },
      }),
    );
    await expect(
      losing.objectives.recordProgress(pia(), objectiveId, keyResultId, { value: 40 }, undefined),
    ).rejects.toBeInstanceOf(WrongExpectedRevision);
    expect(appends).toBe(3);

    const revision = (await store.readStream(objectiveStream(objectiveId))).length - 1;
    await expect(
      goals.objectives.recordProgress(pia(), objectiveId, keyResultId, { value: 36 }, revision - 1),
    ).rejects.toBeInstanceOf(WrongExpectedRevision);
    await expect(
      goals.objectives.recordProgress(pia(), objectiveId, keyResultId, { value: 36 }, revision),
    ).resolves.toMatchObject({ revision: revision + 1 });
  });

  it('names an owner the organisation does not know (404)', async () => {
    const { cycleId } = await squadObjective();
    await expect(
      goals.objectives.define(olga(), {
        cycleId,
        title: 'Ghost objective',
        owner: { kind: 'squad', id: 'ghosts' },
        kind: 'committed',
      }),
    ).rejects.toThrow(new NotFound('Squad ghosts not found in this organisation'));
    await expect(
      goals.objectives.addKeyResult(
        pia(),
        (await squadObjective()).objectiveId,
        { ...nps, owner: 'nobody' },
        undefined,
      ),
    ).rejects.toThrow(new NotFound('Person nobody not found in this organisation'));
  });

  it('lets only the unit lead approve; approving creates the key result on the objective', async () => {
    const { objectiveId } = await squadObjective();
    const { id: proposalId } = await goals.proposals.proposeKeyResult(max(), {
      objectiveId,
      draft: {
        ...nps,
        title: 'Answer every ticket within 4 hours',
        owner: 'max',
        metric: {
          type: 'number',
          unit: 'hours',
          start: 8,
          target: 4,
          direction: 'decrease',
        },
      },
    });
    await expect(goals.proposals.approve(max(), proposalId, undefined)).rejects.toBeInstanceOf(
      Forbidden,
    );
    const approved = await goals.proposals.approve(pia(), proposalId, undefined);
    expect(approved).toMatchObject({ objectiveId, keyResultIds: [expect.any(String)] });

    // Approving again changes nothing and creates nothing twice.
    await goals.proposals.approve(pia(), proposalId, undefined);
    const added = (await store.readStream(objectiveStream(objectiveId))).filter(
      (event) => event.type === 'KeyResultAdded',
    );
    expect(added.map((event) => event.data)).toEqual([
      expect.objectContaining({ title: nps.title }),
      expect.objectContaining({
        keyResultId: approved.keyResultIds[0],
        title: 'Answer every ticket within 4 hours',
        owner: 'max',
        fromProposalId: proposalId,
      }),
    ]);
  });

  it('creates an approved objective with its key results in one append', async () => {
    const { cycleId } = await squadObjective();
    const { id: proposalId } = await goals.proposals.proposeObjective(max(), {
      cycleId,
      unit: squad,
      draft: {
        title: 'Self-service answers for common questions',
        description: '',
        kind: 'aspirational',
        visibility: 'public',
        keyResults: [
          { ...nps, title: 'Deflect 20% of tickets', owner: 'max' },
          { ...nps, title: 'Publish 30 help articles', owner: 'pia' },
        ],
      },
    });
    const approved = await goals.proposals.approve(pia(), proposalId, undefined);
    const created = await store.readStream(objectiveStream(approved.objectiveId!));
    expect(typesOf(created)).toEqual(['ObjectiveDefined', 'KeyResultAdded', 'KeyResultAdded']);
    expect(new Set(created.map((event) => event.globalPosition)).size).toBe(3);
    expect(created[0].data).toMatchObject({ owner: squad, fromProposalId: proposalId });
    expect(created.map((event) => event.metadata.actor)).toEqual(['pia', 'pia', 'pia']);
  });

  it('defines an objective from a template with the key results the team keeps', async () => {
    const { cycleId } = await squadObjective();
    const { id } = await goals.objectives.fromTemplate(pia(), {
      templateId: 'improve-customer-satisfaction',
      language: 'nl',
      cycleId,
      owner: squad,
      keyResults: [
        { index: 0, baseline: 31, owner: 'pia' },
        { index: 1, baseline: 8, owner: 'max' },
      ],
    });
    const created = await store.readStream(objectiveStream(id));
    expect(typesOf(created)).toEqual(['ObjectiveDefined', 'KeyResultAdded', 'KeyResultAdded']);
    expect(created[0].data).toMatchObject({
      title: 'Klanttevredenheid verbeteren',
      fromTemplateId: 'improve-customer-satisfaction',
    });
    expect(created[1].data).toMatchObject({
      title: 'NPS met 10 punten verhogen',
      metric: { start: 31, target: 41 },
    });
    expect(created[2].data).toMatchObject({ metric: { start: 8, target: 6.4 } });
  });

  it('scores every active objective of a cycle when it closes, as the cycle-close process', async () => {
    const { cycleId, objectiveId, keyResultId } = await squadObjective();
    await goals.objectives.recordProgress(
      pia(),
      objectiveId,
      keyResultId,
      { value: 38 },
      undefined,
    );
    const { id: draftId } = await goals.objectives.define(pia(), {
      cycleId,
      title: 'Never activated',
      owner: squad,
      kind: 'committed',
    });
    await goals.cycles.startReview(olga(), cycleId, undefined);
    await expect(goals.cycles.close(pia(), cycleId, undefined)).rejects.toBeInstanceOf(Forbidden);
    const closed = await goals.cycles.close(olga(), cycleId, undefined);
    expect(closed.scoredObjectives).toBe(1);

    const scored = (await store.readStream(objectiveStream(objectiveId))).at(-1);
    expect(scored).toMatchObject({
      type: 'ObjectiveScored',
      data: { rule: { kind: 'linear' }, score: 0.7 },
      metadata: { actor: 'system:cycle-close' },
    });
    expect(typesOf(await store.readStream(objectiveStream(draftId)))).toEqual(['ObjectiveDefined']);
    // Closing again finds nothing left to score.
    await expect(goals.cycles.close(olga(), cycleId, undefined)).resolves.toMatchObject({
      scoredObjectives: 0,
      eventCount: 0,
    });
  });

  it("keeps a person's ambitions theirs, linked only to what they contribute to", async () => {
    const { objectiveId } = await squadObjective();
    const { id: ambitionId } = await goals.ambitions.record(max(), {
      kind: 'career',
      title: 'Become a product owner',
    });
    await expect(
      goals.ambitions.link(max(), ambitionId, { kind: 'objective', objectiveId }, undefined),
    ).rejects.toMatchObject({ code: 'rule_violated' });
    await goals.objectives.addContributor(pia(), objectiveId, 'max', undefined);
    await goals.ambitions.link(max(), ambitionId, { kind: 'objective', objectiveId }, undefined);
    await expect(
      goals.ambitions.link(
        max(),
        ambitionId,
        { kind: 'key-result', objectiveId, keyResultId: randomUUID() },
        undefined,
      ),
    ).rejects.toBeInstanceOf(NotFound);
    expect(typesOf(await store.readStream(goalsStreams.ambitions(tenant, 'max')))).toEqual([
      'AmbitionRecorded',
      'AmbitionLinked',
    ]);
  });
});
