import { testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { OrgDirectoryChanges } from './org-directory.changes';
import type { OrgSubject, OrgUnit } from './org-directory.entries';
import type { OrgIntegrationEvent } from './org-directory.evolve';
import { InProcessOrgDirectory } from './org-directory.in-process';
import { OrgDirectoryProjector } from './org-directory.projector';
import { OrgDirectoryReader } from './org-directory.reader';
import { OrgDirectoryStore } from './org-directory.store';
import { OrgHistory } from './testing/org-history';

/**
 * The in-process directory (ADR 0044) on the real read store: it answers as the reader does, and
 * a replica whose projector never saw a change (another replica's partition) learns of it from
 * the tenant's mark once its copy is due, not before.
 */
describe('InProcessOrgDirectory on the read store', () => {
  let connection: Connection;
  let store: OrgDirectoryStore;
  /** The replica whose consumer applies the events. */
  let here: OrgDirectoryChanges;
  let projector: OrgDirectoryProjector;
  let reader: OrgDirectoryReader;

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(testInfrastructure.mongoUrl(), { dbName: uniqueName('orgdir_m') })
      .asPromise();
    store = new OrgDirectoryStore(connection);
    await store.ensureIndexes();
    here = new OrgDirectoryChanges();
    projector = new OrgDirectoryProjector(store, here);
    reader = new OrgDirectoryReader(store, here);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  const apply = async (events: readonly OrgIntegrationEvent[]) => {
    for (const event of events) await projector.apply(event);
  };

  /** A clock the test moves: what "due" means without waiting. */
  const clock = () => {
    let at = 1_000_000;
    return { now: () => at, pass: (ms: number) => (at += ms) };
  };

  it('answers people, units, labels and owners as the reader does', async () => {
    const org = new OrgHistory(uniqueName('acme'));
    await apply([
      org.established('Acme'),
      org.tribeFormed('payments', 'Payments'),
      org.tribeLeadAppointed('payments', 'bob'),
      org.squadFormed('checkout', 'payments', 'Checkout'),
      org.squadFormed('wallet', 'payments', 'Wallet'),
      org.chapterFormed('backend', 'payments', 'Backend'),
      org.guildFormed('testing', 'Testing'),
      org.guildFormed('security', 'Security'),
      org.personJoined('ann', 'Ann'),
      org.joinedSquad('ann', 'checkout'),
      org.joinedChapter('ann', 'backend', 'payments'),
      org.joinedGuild('ann', 'testing'),
      org.productOwnerAppointed('checkout', 'ann'),
      org.personJoined('bob', 'Bob'),
      org.joinedSquad('bob', 'wallet'),
      org.coordinatorAdded('security', 'bob'),
      org.personJoined('cid', 'Cid'),
      org.joinedGuild('cid', 'security'),
      org.personJoined('dan', 'Dan'),
      org.joinedSquad('dan', 'checkout'),
      org.personLeft('dan'),
      org.squadDissolved('wallet'),
      org.chapterLeadAppointed('backend', 'dan'),
    ]);
    const directory = new InProcessOrgDirectory(store, new OrgDirectoryChanges());
    const tenant = org.tenantId;
    const people = ['ann', 'bob', 'cid', 'dan', 'nobody'];
    for (const personId of people) {
      expect(await directory.person(tenant, personId)).toEqual(
        await reader.person(tenant, personId),
      );
    }
    expect(await directory.people(tenant, people)).toEqual(await reader.people(tenant, people));
    const units: OrgUnit[] = [
      { kind: 'company', id: tenant },
      { kind: 'company', id: 'another-organisation' },
      { kind: 'tribe', id: 'payments' },
      { kind: 'squad', id: 'checkout' },
      { kind: 'squad', id: 'wallet' },
      { kind: 'chapter', id: 'backend' },
      { kind: 'guild', id: 'testing' },
      { kind: 'guild', id: 'security' },
      { kind: 'guild', id: 'unknown' },
    ];
    for (const unit of units) {
      expect(await directory.unit(tenant, unit)).toEqual(await reader.unit(tenant, unit));
    }
    const owners = [...units, ...people.map((id): OrgSubject => ({ kind: 'person', id }))];
    for (const owner of owners) {
      expect(await directory.ownerExists(tenant, owner)).toBe(
        await reader.ownerExists(tenant, owner),
      );
    }
    const byKey = (labels: readonly { kind: string; id: string }[]) =>
      [...labels].sort((a, b) => `${a.kind}:${a.id}`.localeCompare(`${b.kind}:${b.id}`));
    expect(byKey(await directory.labelsOf(tenant, owners))).toEqual(
      byKey(await reader.labelsOf(tenant, owners)),
    );
    expect(await directory.person(tenant, 'ann')).toMatchObject({
      leads: [{ kind: 'squad', id: 'checkout' }],
      tribeIds: ['payments'],
    });
  });

  it('sees a change applied by another replica once its copy is due, from the mark', async () => {
    const org = new OrgHistory(uniqueName('globex'));
    await apply([
      org.established('Globex'),
      org.tribeFormed('core'),
      org.squadFormed('platform', 'core'),
      org.personJoined('ann', 'Ann'),
      org.personJoined('bob', 'Bob'),
      org.productOwnerAppointed('platform', 'ann'),
    ]);
    const time = clock();
    // Another replica: its consumer holds other partitions, so its changes never hear of these.
    const elsewhere = new InProcessOrgDirectory(store, new OrgDirectoryChanges(), {
      freshForMs: 1_000,
      now: time.now,
    });
    const tenant = org.tenantId;
    expect((await elsewhere.person(tenant, 'bob'))?.leads).toEqual([]);

    await apply([org.productOwnerAppointed('platform', 'bob', 'ann')]);
    // Trusted for freshForMs: still the copy it loaded.
    time.pass(999);
    expect((await elsewhere.person(tenant, 'bob'))?.leads).toEqual([]);
    time.pass(1);
    expect((await elsewhere.person(tenant, 'bob'))?.leads).toEqual([
      { kind: 'squad', id: 'platform' },
    ]);
    expect((await elsewhere.person(tenant, 'ann'))?.leads).toEqual([]);

    // An owner it has not seen yet is asked for at once, whatever the copy's age.
    await apply([org.personJoined('cem', 'Cem')]);
    expect(await elsewhere.ownerExists(tenant, { kind: 'person', id: 'cem' })).toBe(false);
    expect(await elsewhere.awaitOwner(tenant, { kind: 'person', id: 'cem' }, 0)).toBe(true);
    expect(await elsewhere.awaitOwner(tenant, { kind: 'person', id: 'eve' }, 0)).toBe(false);
  });

  it('sees a change its own process applied at once', async () => {
    const org = new OrgHistory(uniqueName('initech'));
    await apply([
      org.established('Initech'),
      org.guildFormed('testing'),
      org.personJoined('ann', 'Ann'),
    ]);
    const time = clock();
    const local = new InProcessOrgDirectory(store, here, { freshForMs: 60_000, now: time.now });
    const tenant = org.tenantId;
    expect((await local.person(tenant, 'ann'))?.leads).toEqual([]);
    await apply([org.coordinatorAdded('testing', 'ann')]);
    expect((await local.person(tenant, 'ann'))?.leads).toEqual([{ kind: 'guild', id: 'testing' }]);
    await apply([org.personLeft('ann')]);
    expect(await local.ownerExists(tenant, { kind: 'person', id: 'ann' })).toBe(false);
  });
});
