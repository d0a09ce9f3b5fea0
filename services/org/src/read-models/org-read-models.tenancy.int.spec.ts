import type { EventStore } from '@rhythm/event-sourcing';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import { ProjectionFleet, TenantId } from '@rhythm/projections';
import { expectEventually, testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { Pool } from 'pg';
import { orgTreeOf } from '../application/org-tree/org-tree';
import { OrgScenario } from '../testing/org-scenario';
import {
  MembershipIntervalsRepository,
  OrgTimelineRepository,
  orgHistoryCollections,
} from './org-history.repositories';
import { orgProjections } from './org-projections';
import { OrgSnapshots } from './org-snapshots';
import {
  OrgPeopleRepository,
  OrgUnitsRepository,
  orgStructureCollections,
} from './org-structure.repositories';

jest.setTimeout(120_000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Two organisations whose tribe, squad and people have the same ids (their names differ), fed to
 * the org projections while they run, as in the service.
 */
describe('org read models keep organisations apart when their units and people share ids', () => {
  const schema = uniqueName('org_tenancy');
  const acme = TenantId.of(uniqueName('acme'));
  const globex = TenantId.of(uniqueName('globex'));
  let store: EventStore;
  let connection: Connection;
  let fleet: ProjectionFleet;
  let units: OrgUnitsRepository;
  let people: OrgPeopleRepository;
  let memberships: MembershipIntervalsRepository;
  let snapshots: OrgSnapshots;
  let ids: ReadonlyMap<string, string>;

  /** One organisation: a tribe with a squad, its product owner in it, a tribe lead. */
  const play = async (
    s: OrgScenario,
    names: Readonly<{ org: string; lead: string; owner: string; tribe: string; squad: string }>,
  ) => {
    const at = (day: string) => `2026-01-${day}T09:00:00Z`;
    await s.establish(names.org, at('01'));
    await s.join(names.owner, at('02'));
    await s.join(names.lead, at('02'));
    await s.formTribe(names.tribe, at('03'));
    await s.formSquad(names.squad, names.tribe, at('04'));
    await s.appointProductOwner(names.squad, names.owner, at('05'));
    await s.appointTribeLead(names.tribe, names.lead, at('05'));
    await s.membership(names.owner, 'JoinSquad', names.squad, at('06'));
  };
  const acmeNames = {
    org: 'Acme',
    lead: 'Bob',
    owner: 'Ann',
    tribe: 'Payments',
    squad: 'Checkout',
  };
  const globexNames = {
    org: 'Globex',
    lead: 'Gus',
    owner: 'Gina',
    tribe: 'Treasury',
    squad: 'Billing',
  };

  beforeAll(async () => {
    const eventStore = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await eventStore.migrate();
    store = eventStore;
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${uniqueName('org_tenancy')}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    const structure = orgStructureCollections(connection);
    const history = orgHistoryCollections(connection);
    units = new OrgUnitsRepository(structure);
    people = new OrgPeopleRepository(structure);
    memberships = new MembershipIntervalsRepository(history);
    snapshots = new OrgSnapshots(units, people, new OrgTimelineRepository(history), memberships);

    fleet = new ProjectionFleet(orgProjections, { connection, store, logger: silent });
    await fleet.start();

    const a = new OrgScenario(store, acme);
    await play(a, acmeNames);
    // Globex's tribe, squad and people get Acme's ids.
    const g = new OrgScenario(store, globex);
    for (const key of ['lead', 'owner', 'tribe', 'squad'] as const) {
      g.ids.set(globexNames[key], a.id(acmeNames[key]));
    }
    await play(g, globexNames);
    ids = a.ids;

    const head = await store.headPosition();
    await expectEventually(() => {
      for (const runner of fleet.runners) {
        if (runner.status !== 'failed') expect(runner.position).toBe(head);
      }
    });
  });

  afterAll(async () => {
    await fleet?.stop();
    await connection?.db?.dropDatabase();
    await connection?.close();
    await store?.close();
    const pool = new Pool({ connectionString: testInfrastructure.databaseUrl() });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('keeps both projections following, and readiness with them', async () => {
    expect(fleet.runners.map((runner) => runner.status)).toEqual(['live', 'live']);
    await expect(fleet.assertFollowing()).resolves.toBeUndefined();
  });

  it('shows each organisation its own tribe, squad and people under the shared ids', async () => {
    for (const [tenant, names] of [
      [acme, acmeNames],
      [globex, globexNames],
    ] as const) {
      const tribe = await units.unit(tenant, 'tribe', ids.get('Payments')!);
      expect(tribe).toMatchObject({
        _id: ids.get('Payments'),
        name: names.tribe,
        leadId: ids.get('Bob'),
      });
      const squad = await units.unit(tenant, 'squad', ids.get('Checkout')!);
      expect(squad).toMatchObject({ name: names.squad, tribeId: ids.get('Payments') });
      expect(await people.person(tenant, ids.get('Ann')!)).toMatchObject({
        _id: ids.get('Ann'),
        name: names.owner,
        squadId: ids.get('Checkout'),
      });
      expect(
        (await units.named(tenant, [ids.get('Payments')!, ids.get('Checkout')!]))
          .map((unit) => unit.name)
          .sort(),
      ).toEqual([names.squad, names.tribe].sort());
      expect(await memberships.ofPerson(tenant, ids.get('Ann')!)).toEqual([
        expect.objectContaining({ unitId: ids.get('Checkout'), kind: 'squad', validTo: null }),
      ]);
    }
  });

  it('draws each organisation its own tree, now and as it stood', async () => {
    for (const [tenant, names] of [
      [acme, acmeNames],
      [globex, globexNames],
    ] as const) {
      const expected = {
        organisation: names.org,
        tribes: [
          {
            name: names.tribe,
            lead: names.lead,
            squads: [{ name: names.squad, owner: names.owner, members: [names.owner] }],
          },
        ],
      };
      for (const snapshot of [
        await snapshots.now(tenant),
        await snapshots.at(tenant, new Date('2026-01-07T00:00:00Z')),
      ]) {
        const tree = orgTreeOf(snapshot, new Date('2026-01-07T00:00:00Z'));
        expect({
          organisation: tree.organisation?.name,
          tribes: tree.tribes.map((tribe) => ({
            name: tribe.name,
            lead: tribe.lead?.name,
            squads: tribe.squads.map((squad) => ({
              name: squad.name,
              owner: squad.productOwner?.name,
              members: squad.members.map((member) => member.name),
            })),
          })),
        }).toEqual(expected);
      }
    }
  });
});
