import { TenantId } from '@rhythm/projections';
import { testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { OrgDirectoryChanges } from './org-directory.changes';
import type { OrgIntegrationEvent } from './org-directory.evolve';
import { OrgDirectoryProjector } from './org-directory.projector';
import { OrgDirectoryReader } from './org-directory.reader';
import { orgDirectoryCollections, OrgDirectoryStore } from './org-directory.store';
import { OrgHistory } from './testing/org-history';

/**
 * Two organisations whose units and people have the same ids, on the real read store. The topic
 * and the consumer are not the subject here (goals' org-directory.int.spec.ts covers them): events go
 * straight to the projector, in the orders a topic may deliver them.
 */
describe('the org directory keeps organisations apart on the read store', () => {
  let connection: Connection;
  let store: OrgDirectoryStore;
  let projector: OrgDirectoryProjector;
  let directory: OrgDirectoryReader;

  /** The same organisation chart under two tenants, names telling them apart. */
  const chart = (org: OrgHistory, label: string): OrgIntegrationEvent[] => [
    org.established(`${label} Inc`),
    org.tribeFormed('payments', `${label} Payments`),
    org.squadFormed('checkout', 'payments', `${label} Checkout`),
    org.personJoined('ann', `Ann of ${label}`),
    org.joinedSquad('ann', 'checkout'),
    org.productOwnerAppointed('checkout', 'ann'),
    org.guildFormed('testing', `${label} Testing`),
    org.joinedGuild('ann', 'testing'),
  ];

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(testInfrastructure.mongoUrl(), { dbName: uniqueName('orgdir_t') })
      .asPromise();
    store = new OrgDirectoryStore(connection);
    await store.ensureIndexes();
    const changes = new OrgDirectoryChanges();
    projector = new OrgDirectoryProjector(store, changes);
    directory = new OrgDirectoryReader(store, changes);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('answers each organisation with its own units and people when the ids are the same', async () => {
    const acme = new OrgHistory(uniqueName('acme'));
    const globex = new OrgHistory(uniqueName('globex'));
    const acmeEvents = chart(acme, 'Acme');
    // Globex even receives the same event ids (ids are the publisher's business, not ours).
    const globexEvents = chart(globex, 'Globex').map((event, index) => ({
      ...event,
      eventId: acmeEvents[index].eventId,
    }));
    for (const event of acmeEvents) await projector.apply(event);
    // Out of order: Globex's records are folded again from the facts kept for them.
    for (const event of [...globexEvents].reverse()) await projector.apply(event);

    for (const [org, label] of [
      [acme, 'Acme'],
      [globex, 'Globex'],
    ] as const) {
      const tenant = org.tenantId;
      expect(await directory.person(tenant, 'ann')).toMatchObject({
        personId: 'ann',
        name: `Ann of ${label}`,
        squadId: 'checkout',
        tribeIds: ['payments'],
        guildIds: ['testing'],
        leads: [{ kind: 'squad', id: 'checkout' }],
      });
      expect(await directory.unit(tenant, { kind: 'squad', id: 'checkout' })).toMatchObject({
        name: `${label} Checkout`,
        tribeId: 'payments',
        leadIds: ['ann'],
        memberIds: ['ann'],
      });
      expect(
        await directory.labelsOf(tenant, [
          { kind: 'tribe', id: 'payments' },
          { kind: 'person', id: 'ann' },
        ]),
      ).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'tribe', id: 'payments', name: `${label} Payments` }),
          expect.objectContaining({ kind: 'person', id: 'ann', name: `Ann of ${label}` }),
        ]),
      );
      expect(await directory.ownerExists(tenant, { kind: 'guild', id: 'testing' })).toBe(true);
      // Every event of each organisation is kept for it, none taken for the other's.
      const facts = await store.factsOf(TenantId.of(tenant), { kind: 'person', id: 'ann' });
      expect(facts.map((fact) => fact.type).sort()).toEqual([
        'org.person-joined',
        'org.person-joined-guild',
        'org.person-joined-squad',
      ]);
    }
    const stranger = uniqueName('stranger');
    expect(await directory.person(stranger, 'ann')).toBeUndefined();
    expect(await directory.ownerExists(stranger, { kind: 'squad', id: 'checkout' })).toBe(false);
  });

  it('reads facts kept before tenant keys, and keeps a redelivered one once', async () => {
    const org = new OrgHistory(uniqueName('legacy'));
    const joined = org.personJoined('bob', 'Bob');
    const inSquad = org.joinedSquad('bob', 'checkout');
    // As the directory stored a fact before ADR 0025: under the bare event id.
    await connection.collection(orgDirectoryCollections.facts).insertOne({
      _id: joined.eventId as never,
      tenantId: org.tenantId,
      subjectKind: 'person',
      subjectId: 'bob',
      streamRevision: joined.streamRevision,
      event: joined,
    });

    await projector.apply(inSquad); // a gap before it: folded again from the kept facts
    await projector.apply(joined); // the redelivery of the old fact

    expect(await directory.person(org.tenantId, 'bob')).toMatchObject({
      name: 'Bob',
      squadId: 'checkout',
    });
    const kept = await connection
      .collection(orgDirectoryCollections.facts)
      .find({ tenantId: org.tenantId })
      .sort({ streamRevision: 1 })
      .toArray();
    expect(kept.map((fact) => fact._id as unknown)).toEqual([
      joined.eventId,
      `${org.tenantId}/${inSquad.eventId}`,
    ]);
  });
});
