import { testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { OrgDirectoryChanges } from './org-directory.changes';
import type { OrgIntegrationEvent } from './org-directory.evolve';
import { OrgDirectoryProjector } from './org-directory.projector';
import { OrgDirectoryReader } from './org-directory.reader';
import { OrgDirectoryStore, unitEqualitiesUpTo } from './org-directory.store';
import { OrgHistory } from './testing/org-history';

/**
 * The reader on the real read store (FerretDB locally), events straight to the projector:
 * `people` answers many people as `person` answers each, in one batch.
 */
describe('OrgDirectoryReader on the read store', () => {
  let connection: Connection;
  let projector: OrgDirectoryProjector;
  let reader: OrgDirectoryReader;

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(testInfrastructure.mongoUrl(), { dbName: uniqueName('orgdir_r') })
      .asPromise();
    const store = new OrgDirectoryStore(connection);
    await store.ensureIndexes();
    const changes = new OrgDirectoryChanges();
    projector = new OrgDirectoryProjector(store, changes);
    reader = new OrgDirectoryReader(store, changes);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  const apply = async (events: readonly OrgIntegrationEvent[]) => {
    for (const event of events) await projector.apply(event);
  };

  /** What `person` answers for each id, keyed as `people` keys its answer. */
  const oneByOne = async (tenantId: string, personIds: readonly string[]) => {
    const people = new Map<string, unknown>();
    for (const personId of personIds) {
      const person = await reader.person(tenantId, personId);
      if (person) people.set(personId, person);
    }
    return people;
  };

  it('answers many people at once as it answers each: squads, chapters, guilds, leads, left ones', async () => {
    const org = new OrgHistory(uniqueName('acme'));
    await apply([
      org.established(),
      org.tribeFormed('payments', 'Payments'),
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
      org.tribeLeadAppointed('payments', 'bob'),
      org.personJoined('cid', 'Cid'),
      org.joinedGuild('cid', 'security'),
      org.personJoined('dan', 'Dan'),
      org.joinedSquad('dan', 'checkout'),
      org.personLeft('dan'),
      org.squadDissolved('wallet'),
    ]);
    const ids = ['ann', 'bob', 'cid', 'dan', 'nobody', 'ann'];

    const people = await reader.people(org.tenantId, ids);

    expect(people).toEqual(await oneByOne(org.tenantId, ids));
    expect([...people.keys()].sort()).toEqual(['ann', 'bob', 'cid', 'dan']);
    expect(people.get('ann')).toMatchObject({
      squadId: 'checkout',
      chapterId: 'backend',
      tribeIds: ['payments'],
      guildIds: ['testing'],
      leads: [{ kind: 'squad', id: 'checkout' }],
      status: 'active',
    });
    // What each leads comes from units asked for the others too, never mixed up.
    expect(people.get('bob')).toMatchObject({
      tribeIds: [],
      leads: [
        { kind: 'tribe', id: 'payments' },
        { kind: 'guild', id: 'security' },
      ],
    });
    expect(people.get('bob')?.squadId).toBeUndefined();
    expect(people.get('cid')).toMatchObject({ guildIds: ['security'], leads: [] });
    expect(people.get('dan')).toMatchObject({ status: 'left', tribeIds: [], leads: [] });
    expect(await reader.people(org.tenantId, [])).toEqual(new Map());
    expect(await reader.people(uniqueName('stranger'), ids)).toEqual(new Map());
  });

  it('answers as many people as asked when their units are more than a query each is worth', async () => {
    const org = new OrgHistory(uniqueName('globex'));
    const ids = Array.from({ length: unitEqualitiesUpTo }, (_, index) => `p${index}`);
    await apply([
      org.established(),
      org.tribeFormed('core'),
      org.squadFormed('platform', 'core'),
      ...ids.flatMap((personId, index) => [
        org.personJoined(personId),
        org.guildFormed(`guild-${index}`),
        org.joinedGuild(personId, `guild-${index}`),
        org.coordinatorAdded(`guild-${index}`, personId),
        ...(index % 2 === 0 ? [org.joinedSquad(personId, 'platform')] : []),
      ]),
      org.productOwnerAppointed('platform', 'p0'),
    ]);

    const people = await reader.people(org.tenantId, ids);

    expect(people.size).toBe(unitEqualitiesUpTo);
    expect(people).toEqual(await oneByOne(org.tenantId, ids));
    expect(people.get('p0')?.leads).toEqual([
      { kind: 'squad', id: 'platform' },
      { kind: 'guild', id: 'guild-0' },
    ]);
    expect(people.get('p1')).toMatchObject({ guildIds: ['guild-1'], tribeIds: [] });
  });
});
