import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { createPostgresEventStore, verifyHashChains } from '@rhythm/event-store-postgres';
import { ensureTopics, PostgresCheckpointStore, startRelay } from '@rhythm/messaging';
import { PostgresPersonalDataKeys, protectPersonalData } from '@rhythm/personal-data';
import { ProjectionRunner } from '@rhythm/projections';
import {
  asAdmin,
  dropTestStores,
  expectEventually,
  readTopic,
  testInfrastructure,
  testKafkaClient,
  uniqueName,
} from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { toOrgIntegrationEvent } from './application/org-integration-events.mapper';
import { orgPersonalData } from './infrastructure/org-personal-data.policy';
import { orgStreamPrefixes, orgStreams, type OrgEvent } from './org-domain';
import { orgProjections } from './read-models/org-projections';
import { OrgScenario } from './testing/org-scenario';

jest.setTimeout(120_000);

// Finding 8 below the HTTP edge: the org store with personal data sealed, both org projections
// (live, then rebuilt from zero after the erasure) and a relay that first runs after the erasure.
// Every personal text of the two people erased is searched for in every place it could land.
const erasedTexts = /zanzibar|quixote|reykjavik/i;

describe('erasing people from the org: the store, the read models, a rebuild and the relay', () => {
  const schema = uniqueName('org_erasure');
  const databases = {
    live: uniqueName('org_erasure_live'),
    rebuilt: uniqueName('org_erasure_re'),
    kept: uniqueName('org_erasure_kept'),
  };
  const topic = uniqueName('org_erasure');
  const tenantId = uniqueName('acme');
  let store: EventStore;
  /** The same store without the seal: as the services wrote before sealing began. */
  let unsealed: EventStore;
  const connections: Connection[] = [];

  const connect = async (database: string) => {
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${database}`;
    const connection = await mongoose.createConnection(url.toString()).asPromise();
    connections.push(connection);
    return connection;
  };

  const projectToHead = async (connection: Connection) => {
    const head = await store.headPosition();
    for (const projection of orgProjections) {
      const runner = new ProjectionRunner(projection, {
        connection,
        store,
      });
      await runner.start();
      await expectEventually(() => expect(runner.position).toBe(head));
      await runner.stop();
    }
  };

  /** Every document of every collection of the database, as text. */
  const everything = async (connection: Connection) => {
    const collections = await connection.db!.listCollections().toArray();
    const all: Record<string, string> = {};
    for (const { name } of collections) {
      all[name] = JSON.stringify(await connection.db!.collection(name).find({}).toArray());
    }
    return all;
  };

  const eventRows = () =>
    asAdmin(async (client) => {
      const result = await client.query<{
        global_position: string;
        data: unknown;
        metadata: unknown;
        hash: Buffer;
      }>(
        `SELECT global_position, data, metadata, hash FROM "${schema}".events ORDER BY global_position`,
      );
      return result.rows;
    });

  beforeAll(async () => {
    const events = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await events.migrate();
    unsealed = events;
    const keys = new PostgresPersonalDataKeys({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await keys.migrate();
    store = protectPersonalData(events, { policy: orgPersonalData, keys });
  });

  afterAll(async () => {
    await store?.close();
    for (const connection of connections) await connection.close();
    await dropTestStores({
      schemas: [schema],
      databases: Object.values(databases),
      topics: [topic],
    });
  });

  it('leaves no name, e-mail or reason of theirs in any document, rebuild or newly published message', async () => {
    const s = new OrgScenario(store, tenantId);
    const admin = OrgScenario.admin;
    await s.establish('Acme', '2026-01-01T09:00:00Z');
    await s.formTribe('Payments', '2026-01-02T09:00:00Z');
    await s.formSquad('Checkout', 'Payments', '2026-01-03T09:00:00Z');
    await s.join('Erin-Zanzibar', '2026-01-04T09:00:00Z');
    await s.join('Cleo-Quixote', '2026-01-04T10:00:00Z');
    await s.join('Bob', '2026-01-04T11:00:00Z');
    await s.membership('Erin-Zanzibar', 'JoinSquad', 'Checkout', '2026-01-05T09:00:00Z');
    await s.membership('Bob', 'JoinSquad', 'Checkout', '2026-01-05T10:00:00Z');
    await s.appointProductOwner('Checkout', 'Erin-Zanzibar', '2026-01-06T09:00:00Z');
    await s.person(
      'Erin-Zanzibar',
      {
        type: 'UpdatePersonProfile',
        personId: s.id('Erin-Zanzibar'),
        name: 'Erin Zanzibar-Smith',
        email: 'erin.zanzibar@acme.test',
        actor: admin,
      },
      '2026-01-07T09:00:00Z',
    );
    await s.leaveOrganisation(
      'Cleo-Quixote',
      'Cleo Quixote moved to Reykjavik',
      '2026-01-08T09:00:00Z',
    );

    // At rest, sealed from the start: no row of the store holds their texts in clear.
    expect(JSON.stringify(await eventRows())).not.toMatch(erasedTexts);
    // Through the store they read as they are, and the read models show them: the scan can fail.
    const live = await connect(databases.live);
    await projectToHead(live);
    const seen = await everything(live);
    expect(seen.org_people__g1).toContain('"name":"Erin Zanzibar-Smith"');
    expect(seen.org_people__g1).toContain('"email":"erin.zanzibar@acme.test"');
    expect(seen.org_timeline__g1).toContain('"value":"Cleo-Quixote"');

    const before = await eventRows();
    const erase = (person: string, at: string) =>
      s.person(
        person,
        { type: 'ErasePersonalData', personId: s.id(person), units: s.units(), actor: admin },
        at,
      );
    await erase('Erin-Zanzibar', '2026-02-01T09:00:00Z');
    await erase('Cleo-Quixote', '2026-02-01T10:00:00Z');

    // The store: what was recorded stays as it was, byte for byte; only the new events are added,
    // and every chain still verifies.
    const after = await eventRows();
    expect(after.slice(0, before.length)).toEqual(before);
    // Erin left (squad, then the organisation) and was erased; Cleo was erased.
    expect(after).toHaveLength(before.length + 4);
    const verification = await asAdmin((client) => verifyHashChains(client, { schemas: [schema] }));
    expect(verification.intact).toBe(true);

    // The live read models, scrubbed by the erasure events.
    await projectToHead(live);
    for (const [collection, documents] of Object.entries(await everything(live))) {
      expect({ collection, documents }).toEqual({
        collection,
        documents: expect.not.stringMatching(erasedTexts),
      });
    }

    // A rebuild from zero reads their events with the keys gone: the placeholders, nothing else.
    const rebuilt = await connect(databases.rebuilt);
    await projectToHead(rebuilt);
    const rebuiltDocuments = await everything(rebuilt);
    for (const [collection, documents] of Object.entries(rebuiltDocuments)) {
      expect({ collection, documents }).toEqual({
        collection,
        documents: expect.not.stringMatching(erasedTexts),
      });
    }
    expect(rebuiltDocuments.org_people__g1).toContain('"name":"Erased person"');
    expect(rebuiltDocuments.org_people__g1).toContain('"name":"Bob"');

    // A relay that publishes only now (it was down, or behind): every message is new, none
    // carries their texts, and the erasures are published.
    const kafka = testKafkaClient('org-erasure-relay');
    await ensureTopics(kafka, [topic]);
    const checkpoints = new PostgresCheckpointStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await checkpoints.migrate();
    const relay = await startRelay({
      name: `org-erasure-${schema}`,
      store,
      kafka,
      topic,
      streamPrefixes: orgStreamPrefixes,
      map: (recorded) => toOrgIntegrationEvent(recorded as RecordedEvent<OrgEvent>),
      checkpointStore: checkpoints,
    });
    const head = await store.headPosition();
    try {
      await expectEventually(() => expect(relay.position()).toBe(head), { timeoutMs: 30_000 });
    } finally {
      await relay.stop();
      await checkpoints.close();
    }
    const messages = await readTopic(topic);
    expect(messages).toHaveLength(after.length);
    expect(messages.map(({ value }) => value).filter((value) => erasedTexts.test(value))).toEqual(
      [],
    );
    const envelopes = messages.map(
      ({ value }) => JSON.parse(value) as { type: string; data: object },
    );
    expect(envelopes.filter(({ type }) => type === 'org.person-erased')).toHaveLength(2);
    expect(
      envelopes.filter(({ type }) => type === 'org.person-joined').map(({ data }) => data),
    ).toEqual(expect.arrayContaining([{ personId: s.id('Erin-Zanzibar'), name: 'Erased person' }]));
  });

  it('erases a person recorded before sealing began: the store keeps their plain texts, no reader sees them', async () => {
    const tenant = uniqueName('kept');
    const before = new OrgScenario(unsealed, tenant);
    await before.establish('Kept', '2025-01-01T09:00:00Z');
    await before.join('Dora-Zanzibar', '2025-01-02T09:00:00Z');
    await before.leaveOrganisation(
      'Dora-Zanzibar',
      'Dora Zanzibar retired',
      '2025-06-01T09:00:00Z',
    );
    const s = new OrgScenario(store, tenant);
    for (const [name, id] of before.ids) s.ids.set(name, id);

    await s.person(
      'Dora-Zanzibar',
      {
        type: 'ErasePersonalData',
        personId: s.id('Dora-Zanzibar'),
        units: {},
        actor: OrgScenario.admin,
      },
      '2026-02-02T09:00:00Z',
    );

    // Append-only: the old rows keep the plain text (ADR 0034 says what that means) ...
    expect(JSON.stringify(await eventRows())).toMatch(/Dora-Zanzibar/);
    // ... and every reader gets the placeholders: a rebuild, the person's own stream.
    const kept = await connect(databases.kept);
    await projectToHead(kept);
    for (const [collection, documents] of Object.entries(await everything(kept))) {
      expect({ collection, documents }).toEqual({
        collection,
        documents: expect.not.stringMatching(/zanzibar|retired/i),
      });
    }
    const stream = await store.readStream(orgStreams.person(tenant, s.id('Dora-Zanzibar')));
    expect(stream.map(({ type, data }) => ({ type, data }))).toEqual([
      {
        type: 'PersonJoinedOrganisation',
        data: { personId: s.id('Dora-Zanzibar'), name: 'Erased person', email: '' },
      },
      {
        type: 'PersonLeftOrganisation',
        data: { personId: s.id('Dora-Zanzibar'), reason: 'Personal data erased' },
      },
      { type: 'PersonErased', data: { personId: s.id('Dora-Zanzibar') } },
    ]);
    expect(stream[1].metadata.reason).toBe('Personal data erased');
  });
});
