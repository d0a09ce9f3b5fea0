import type { Event, EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import {
  physicalCollectionName,
  ProjectionRunner,
  TenantId,
  type Projection,
} from '@rhythm/projections';
import { expectEventually, testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { Pool } from 'pg';
import { orgTreeOf, type OrgTree } from '../application/org-tree/org-tree';
import { OrgScenario } from '../testing/org-scenario';
import { orgHistoryProjection } from './org-history.projection';
import {
  MembershipIntervalsRepository,
  OrgTimelineRepository,
  orgHistoryCollections,
} from './org-history.repositories';
import { OrgSnapshots } from './org-snapshots';
import { orgStructureProjection } from './org-structure.projection';
import {
  OrgPeopleRepository,
  OrgUnitsRepository,
  orgStructureCollections,
} from './org-structure.repositories';

jest.setTimeout(60_000);

/** Names, not ids, so that assertions read like the org chart. */
const names = (tree: OrgTree) => ({
  organisation: tree.organisation?.name,
  tribes: tree.tribes.map((tribe) => ({
    name: tribe.name,
    lead: tribe.lead?.name ?? null,
    squads: tribe.squads.map((squad) => ({
      name: squad.name,
      productOwner: squad.productOwner?.name ?? null,
      members: squad.members.map((member) => member.name),
    })),
    chapters: tribe.chapters.map((chapter) => ({
      name: chapter.name,
      lead: chapter.lead?.name ?? null,
      members: chapter.members.map((member) => member.name),
    })),
  })),
  guilds: tree.guilds.map((guild) => ({
    name: guild.name,
    coordinators: guild.coordinators.map((person) => person.name),
    members: guild.members.map((person) => person.name),
  })),
  withoutSquad: tree.withoutSquad.map((person) => person.name),
});

describe('org read models on FerretDB, fed from the PostgreSQL event store', () => {
  const schema = uniqueName('org_read_models');
  const tenantId = uniqueName('acme');
  const tenant = TenantId.of(tenantId);
  let store: EventStore;
  let connection: Connection;
  let snapshots: OrgSnapshots;
  let memberships: MembershipIntervalsRepository;
  let s: OrgScenario;

  const runToHead = async <E extends Event, C extends string>(projection: Projection<E, C>) => {
    const runner = new ProjectionRunner(projection, { connection, store });
    await runner.start();
    const head = await store.headPosition();
    await expectEventually(() => expect(runner.position).toBe(head));
    await runner.stop();
    return runner;
  };

  const documents = async (projection: Projection<Event, string>) => {
    const all: Record<string, unknown[]> = {};
    for (const { name } of projection.collections) {
      all[name] = await connection
        .db!.collection(physicalCollectionName(name, 1))
        .find({ tenantId })
        .sort({ _id: 1 })
        .toArray();
    }
    return all;
  };

  beforeAll(async () => {
    const eventStore = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await eventStore.migrate();
    store = eventStore;
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${uniqueName('org_rm')}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    const structure = orgStructureCollections(connection);
    const history = orgHistoryCollections(connection);
    memberships = new MembershipIntervalsRepository(history);
    snapshots = new OrgSnapshots(
      new OrgUnitsRepository(structure),
      new OrgPeopleRepository(structure),
      new OrgTimelineRepository(history),
      memberships,
    );

    s = new OrgScenario(store, tenantId);
    await s.establish('Acme', '2026-01-01T09:00:00Z');
    for (const person of ['Ann', 'Bob', 'Cid', 'Dee']) await s.join(person, '2026-01-02T09:00:00Z');
    await s.formTribe('Payments', '2026-01-03T09:00:00Z');
    await s.formTribe('Growth', '2026-01-03T09:00:00Z');
    await s.formSquad('Checkout', 'Payments', '2026-01-04T09:00:00Z');
    await s.formSquad('Onboarding', 'Growth', '2026-01-04T09:00:00Z');
    await s.formChapter('Backend', 'Payments', '2026-01-04T09:00:00Z');
    await s.formGuild('Web', '2026-01-04T09:00:00Z');
    await s.appointProductOwner('Checkout', 'Ann', '2026-01-05T09:00:00Z');
    await s.appointTribeLead('Payments', 'Bob', '2026-01-05T09:00:00Z');
    await s.appointChapterLead('Backend', 'Cid', '2026-01-05T09:00:00Z');
    await s.addCoordinator('Web', 'Dee', '2026-01-05T09:00:00Z');
    await s.membership('Ann', 'JoinSquad', 'Checkout', '2026-01-06T09:00:00Z');
    await s.membership('Cid', 'JoinSquad', 'Checkout', '2026-01-06T09:00:00Z');
    await s.membership('Bob', 'JoinSquad', 'Onboarding', '2026-01-06T09:00:00Z');
    await s.membership('Cid', 'JoinChapter', 'Backend', '2026-01-06T09:00:00Z');
    await s.membership('Ann', 'JoinGuild', 'Web', '2026-01-06T09:00:00Z');
    await s.membership('Dee', 'JoinGuild', 'Web', '2026-01-06T09:00:00Z');
    // Recorded on 10 February, in effect since 1 February.
    await s.moveSquad('Checkout', 'Growth', '2026-02-01T00:00:00Z', '2026-02-10T09:00:00Z');
    await s.renameSquad('Checkout', 'Wallet', '2026-02-15T09:00:00Z');
    await s.leaveOrganisation('Dee', 'moved abroad', '2026-03-01T09:00:00Z');
    await s.dissolveChapter('Backend', '2026-03-05T09:00:00Z');

    await runToHead(orgStructureProjection);
    await runToHead(orgHistoryProjection);
  });

  afterAll(async () => {
    await connection?.db?.dropDatabase();
    await connection?.close();
    await store?.close();
    // The schema is this run's own.
    const pool = new Pool({ connectionString: testInfrastructure.databaseUrl() });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  const now = new Date('2026-06-01T00:00:00Z');
  const expectedNow = {
    organisation: 'Acme',
    tribes: [
      {
        name: 'Growth',
        lead: null,
        squads: [
          { name: 'Onboarding', productOwner: null, members: ['Bob'] },
          { name: 'Wallet', productOwner: 'Ann', members: ['Ann', 'Cid'] },
        ],
        chapters: [],
      },
      { name: 'Payments', lead: 'Bob', squads: [], chapters: [] },
    ],
    // Dee left: her coordinator role shows vacant, her membership ended explicitly.
    guilds: [{ name: 'Web', coordinators: [], members: ['Ann'] }],
    withoutSquad: [],
  };

  it('shows the organisation as it is now', async () => {
    expect(names(orgTreeOf(await snapshots.now(tenant), now))).toEqual(expectedNow);
  });

  it('agrees with the history read at the present moment', async () => {
    const current = orgTreeOf(await snapshots.now(tenant), now);
    const fromHistory = orgTreeOf(await snapshots.at(tenant, now), now);
    expect(fromHistory).toEqual(current);
  });

  it('shows the organisation as it stood in January', async () => {
    const tree = orgTreeOf(await snapshots.at(tenant, new Date('2026-01-20T00:00:00Z')), now);
    expect(names(tree)).toEqual({
      organisation: 'Acme',
      tribes: [
        {
          name: 'Growth',
          lead: null,
          squads: [{ name: 'Onboarding', productOwner: null, members: ['Bob'] }],
          chapters: [],
        },
        {
          name: 'Payments',
          lead: 'Bob',
          squads: [{ name: 'Checkout', productOwner: 'Ann', members: ['Ann', 'Cid'] }],
          chapters: [{ name: 'Backend', lead: 'Cid', members: ['Cid'] }],
        },
      ],
      guilds: [{ name: 'Web', coordinators: ['Dee'], members: ['Ann', 'Dee'] }],
      withoutSquad: ['Dee'],
    });
  });

  it('places a squad in its new tribe from the effective date of a move recorded later', async () => {
    const tree = orgTreeOf(await snapshots.at(tenant, new Date('2026-02-05T00:00:00Z')), now);
    const growth = tree.tribes.find((tribe) => tribe.name === 'Growth');
    expect(growth?.squads.map((squad) => squad.name)).toEqual(['Checkout', 'Onboarding']);
  });

  it('shows nothing before the organisation was established', async () => {
    const tree = orgTreeOf(await snapshots.at(tenant, new Date('2025-12-31T00:00:00Z')), now);
    expect(names(tree)).toEqual({
      organisation: undefined,
      tribes: [],
      guilds: [],
      withoutSquad: [],
    });
  });

  it("keeps a person's membership history, ended by the chapter's dissolution", async () => {
    const history = await memberships.ofPerson(tenant, s.id('Cid'));
    expect(
      history.map(({ unitId, kind, validFrom, validTo, endedBy }) => ({
        unitId,
        kind,
        validFrom: validFrom.toISOString(),
        validTo: validTo?.toISOString() ?? null,
        endedBy,
      })),
    ).toEqual([
      {
        unitId: s.id('Checkout'),
        kind: 'squad',
        validFrom: '2026-01-06T09:00:00.000Z',
        validTo: null,
        endedBy: null,
      },
      {
        unitId: s.id('Backend'),
        kind: 'chapter',
        validFrom: '2026-01-06T09:00:00.000Z',
        validTo: '2026-03-05T09:00:00.000Z',
        endedBy: 'unit-dissolved',
      },
    ]);
  });

  it.each([
    ['org_structure', orgStructureProjection],
    ['org_history', orgHistoryProjection],
  ])('%s: applying every event a second time changes nothing', async (_name, projection) => {
    const before = await documents(projection);
    expect(Object.values(before).flat().length).toBeGreaterThan(0);
    const runner = new ProjectionRunner(projection, {
      connection,
    });
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    await runner.handle(all);
    await runner.handle(all.slice(5, 20));
    expect(await documents(projection)).toEqual(before);
  });
});
