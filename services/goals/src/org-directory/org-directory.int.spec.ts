import type { INestApplicationContext } from '@nestjs/common';
import {
  deadLetterTopicFor,
  personProfileUpdatedV1,
  squadFormedV1,
  tribeRenamedV1,
} from '@rhythm/contracts';
import { ShutdownRegistry } from '@rhythm/operability';
import { expectEventually, uniqueName } from '@rhythm/testing';
import { OrgDirectoryProjector, orgDirectoryCollections } from '@rhythm/org-directory';
import { OrgHistory } from '@rhythm/org-directory/testing';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { ORG_DIRECTORY, type OrgDirectory } from '../application/org-directory.port';
import { orgDirectoryDefaults } from './org-directory.consumer';
import {
  orgDirectoryTestWorld,
  type OrgDirectoryTestWorld,
} from './testing/org-directory-test-app';
import { asOrgMessage, publishToTopic, readWholeTopic } from '@rhythm/org-directory/testing';

jest.setTimeout(120_000);

const eventually = <T>(assertion: () => Promise<T>) =>
  expectEventually(assertion, { timeoutMs: 30_000, intervalMs: 100 });

describe('OrgDirectoryModule: the org topic on Kafka into the goals read store (FerretDB)', () => {
  let kafka: Kafka;
  let topic: string;
  let connection: Connection;
  let app: INestApplicationContext;
  let directory: OrgDirectory;
  let org: OrgHistory;
  let world: OrgDirectoryTestWorld;

  const publish = (...events: Parameters<typeof publishToTopic>[2]) =>
    publishToTopic(kafka, topic, events);

  beforeAll(async () => {
    world = await orgDirectoryTestWorld();
    ({ kafka, topic, connection } = world);
    app = await world.boot({
      groupId: uniqueName('goals_org_directory'),
      retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 200 },
    });
    directory = app.get<OrgDirectory>(ORG_DIRECTORY);
  });

  afterAll(async () => {
    // Drains the consumer (beforeApplicationShutdown) before the database goes.
    await app?.close();
    await world?.dispose();
  });

  beforeEach(() => {
    // A tenant per test: the tests share one topic and one database, never data.
    org = new OrgHistory(uniqueName('tenant'));
  });

  it('registers its consumer to be drained on shutdown', () => {
    expect(app.get(ShutdownRegistry).drainables.map((drainable) => drainable.name)).toContain(
      'org-directory',
    );
  });

  it('knows the organisation, its units, people, memberships and leads, per tenant', async () => {
    const tenant = org.tenantId;
    await publish(
      org.established('Acme'),
      org.tribeFormed('payments', 'Payments'),
      org.tribeLeadAppointed('payments', 'tia'),
      org.squadFormed('checkout', 'payments', 'Checkout'),
      org.productOwnerAppointed('checkout', 'pia'),
      org.chapterFormed('backend', 'payments', 'Backend'),
      org.chapterLeadAppointed('backend', 'cal'),
      org.guildFormed('testing', 'Testing'),
      org.coordinatorAdded('testing', 'ann'),
      org.personJoined('tia', 'Tia'),
      org.personJoined('pia', 'Pia'),
      org.personJoined('cal', 'Cal'),
      org.personJoined('ann', 'Ann'),
      org.joinedSquad('ann', 'checkout'),
      org.joinedChapter('ann', 'backend', 'payments'),
      org.joinedGuild('ann', 'testing'),
      org.joinedSquad('pia', 'checkout'),
    );

    await eventually(async () =>
      expect(await directory.person(tenant, 'ann')).toEqual({
        personId: 'ann',
        name: 'Ann',
        squadId: 'checkout',
        chapterId: 'backend',
        tribeIds: ['payments'],
        guildIds: ['testing'],
        leads: [{ kind: 'guild', id: 'testing' }],
        status: 'active',
      }),
    );
    await eventually(async () =>
      expect(await directory.unit(tenant, { kind: 'squad', id: 'checkout' })).toEqual({
        kind: 'squad',
        id: 'checkout',
        name: 'Checkout',
        tribeId: 'payments',
        leadIds: ['pia'],
        memberIds: ['ann', 'pia'],
        status: 'active',
      }),
    );
    await eventually(async () => {
      expect(await directory.unit(tenant, { kind: 'tribe', id: 'payments' })).toMatchObject({
        name: 'Payments',
        leadIds: ['tia'],
        memberIds: ['ann', 'pia'],
      });
      expect(await directory.unit(tenant, { kind: 'chapter', id: 'backend' })).toMatchObject({
        leadIds: ['cal'],
        memberIds: ['ann'],
      });
      expect(await directory.unit(tenant, { kind: 'company', id: tenant })).toMatchObject({
        name: 'Acme',
        leadIds: [],
        memberIds: ['ann', 'cal', 'pia', 'tia'],
        status: 'active',
      });
    });

    for (const owner of [
      { kind: 'company', id: tenant },
      { kind: 'tribe', id: 'payments' },
      { kind: 'squad', id: 'checkout' },
      { kind: 'chapter', id: 'backend' },
      { kind: 'guild', id: 'testing' },
      { kind: 'person', id: 'ann' },
    ] as const) {
      expect(await directory.ownerExists(tenant, owner)).toBe(true);
      // Another tenant's directory knows none of it.
      expect(await directory.ownerExists(uniqueName('other'), owner)).toBe(false);
    }
    expect(await directory.ownerExists(tenant, { kind: 'company', id: 'globex' })).toBe(false);
    expect(await directory.ownerExists(tenant, { kind: 'guild', id: 'checkout' })).toBe(false);
    expect(await directory.unit(uniqueName('other'), { kind: 'squad', id: 'checkout' })).toBe(
      undefined,
    );

    // Labels for a tree: one query per collection, kinds matched, unknown and foreign left out;
    // the company is the organisation's record.
    const labels = await directory.labelsOf(tenant, [
      { kind: 'squad', id: 'checkout' },
      { kind: 'tribe', id: 'payments' },
      { kind: 'chapter', id: 'backend' },
      { kind: 'guild', id: 'testing' },
      { kind: 'person', id: 'ann' },
      { kind: 'person', id: 'ann' },
      { kind: 'company', id: tenant },
      { kind: 'company', id: 'globex' },
      { kind: 'guild', id: 'checkout' },
      { kind: 'person', id: 'nobody' },
    ]);
    expect(labels.sort((a, b) => `${a.kind}:${a.id}`.localeCompare(`${b.kind}:${b.id}`))).toEqual([
      { kind: 'chapter', id: 'backend', name: 'Backend', tribeId: 'payments' },
      { kind: 'company', id: tenant, name: 'Acme' },
      { kind: 'guild', id: 'testing', name: 'Testing' },
      { kind: 'person', id: 'ann', name: 'Ann' },
      { kind: 'squad', id: 'checkout', name: 'Checkout', tribeId: 'payments' },
      { kind: 'tribe', id: 'payments', name: 'Payments' },
    ]);
    expect(
      await directory.labelsOf(uniqueName('other'), [{ kind: 'squad', id: 'checkout' }]),
    ).toEqual([]);

    expect(await directory.actorFor(tenant, 'pia', ['member'])).toEqual({
      personId: 'pia',
      isAdmin: false,
      leads: [{ kind: 'squad', id: 'checkout' }],
    });
    expect(await directory.actorFor(tenant, 'tia', ['member', 'admin'])).toEqual({
      personId: 'tia',
      isAdmin: true,
      leads: [
        { kind: 'company', id: tenant },
        { kind: 'tribe', id: 'payments' },
      ],
    });
  });

  it('applies a redelivered event once, through the inbox and past it', async () => {
    const tenant = org.tenantId;
    const formed = org.tribeFormed('payments', 'Payments');
    const annLeads = org.tribeLeadAppointed('payments', 'ann');
    const bobLeads = org.tribeLeadAppointed('payments', 'bob', 'ann');
    const renamed = org.on('tribe', 'payments', tribeRenamedV1, {
      tribeId: 'payments',
      name: 'Payments & Billing',
      previousName: 'Payments',
    });
    // One stream, one partition: the repeat comes after bob's appointment.
    await publish(formed, annLeads, bobLeads, annLeads, renamed);

    await eventually(async () =>
      expect(await directory.unit(tenant, { kind: 'tribe', id: 'payments' })).toMatchObject({
        name: 'Payments & Billing',
        leadIds: ['bob'],
      }),
    );
    expect(
      await connection
        .collection(orgDirectoryDefaults.inboxCollection)
        .countDocuments({ consumer: orgDirectoryDefaults.consumer, eventId: annLeads.eventId }),
    ).toBe(1);
    expect(
      await connection
        .collection(orgDirectoryCollections.facts)
        .countDocuments({ tenantId: tenant, subjectKind: 'tribe', subjectId: 'payments' }),
    ).toBe(4);

    // Past the inbox (a crash between the effect and the inbox record): the record stays.
    await app.get(OrgDirectoryProjector).apply(annLeads);
    expect(await directory.unit(tenant, { kind: 'tribe', id: 'payments' })).toMatchObject({
      leadIds: ['bob'],
    });
    expect((await directory.actorFor(tenant, 'ann', [])).leads).toEqual([]);
    // The older fold was refused by the unique index, not stored beside the record.
    expect(
      await connection
        .collection(orgDirectoryCollections.units)
        .find({ tenantId: tenant, kind: 'tribe', id: 'payments' })
        .toArray(),
    ).toEqual([expect.objectContaining({ revision: 3, folded: 4, leadIds: ['bob'] })]);
  });

  it('keeps a membership that arrives before its squad, and completes it when the squad comes', async () => {
    const tenant = org.tenantId;
    await publish(org.personJoined('ann', 'Ann'), org.joinedSquad('ann', 'checkout'));

    await eventually(async () =>
      expect(await directory.person(tenant, 'ann')).toMatchObject({
        squadId: 'checkout',
        tribeIds: [],
      }),
    );
    expect(await directory.unit(tenant, { kind: 'squad', id: 'checkout' })).toBeUndefined();
    expect(await directory.ownerExists(tenant, { kind: 'squad', id: 'checkout' })).toBe(false);

    await publish(org.tribeFormed('payments'), org.squadFormed('checkout', 'payments'));

    await eventually(async () => {
      expect(await directory.person(tenant, 'ann')).toMatchObject({
        squadId: 'checkout',
        tribeIds: ['payments'],
      });
      expect(await directory.unit(tenant, { kind: 'squad', id: 'checkout' })).toMatchObject({
        memberIds: ['ann'],
        status: 'active',
      });
      expect(await directory.unit(tenant, { kind: 'tribe', id: 'payments' })).toMatchObject({
        memberIds: ['ann'],
      });
    });
  });

  it('keeps a product owner appointed before the formed event it follows, and folds both', async () => {
    const tenant = org.tenantId;
    const formed = org.squadFormed('checkout', 'payments', 'Checkout');
    const appointed = org.productOwnerAppointed('checkout', 'ann');
    // The formed event comes late (a dead letter replayed, say): revision 1 before revision 0.
    await publish(org.personJoined('ann', 'Ann'), appointed);

    await eventually(async () =>
      expect((await directory.actorFor(tenant, 'ann', [])).leads).toEqual([
        { kind: 'squad', id: 'checkout' },
      ]),
    );
    expect(await directory.ownerExists(tenant, { kind: 'squad', id: 'checkout' })).toBe(false);

    await publish(formed);
    await eventually(async () =>
      expect(await directory.unit(tenant, { kind: 'squad', id: 'checkout' })).toEqual({
        kind: 'squad',
        id: 'checkout',
        name: 'Checkout',
        tribeId: 'payments',
        leadIds: ['ann'],
        memberIds: [],
        status: 'active',
      }),
    );
  });

  it('dead-letters a poison message and keeps consuming', async () => {
    const tenant = org.tenantId;
    const invalid = org.squadFormed('checkout', 'payments');
    const poison = asOrgMessage({ ...invalid, data: { ...invalid.data, name: '' } });
    const foreignOrganisation = asOrgMessage({
      ...org.established('Acme'),
      data: { organisationId: 'globex', name: 'Globex' },
    });
    const notJson = { key: org.streamId('squad', 'checkout'), value: '{"eventId": "unterminated' };
    await publish(poison, foreignOrganisation, notJson, org.guildFormed('testing'));

    await eventually(async () =>
      expect(await directory.ownerExists(tenant, { kind: 'guild', id: 'testing' })).toBe(true),
    );
    expect(await directory.ownerExists(tenant, { kind: 'squad', id: 'checkout' })).toBe(false);
    expect(await directory.ownerExists(tenant, { kind: 'company', id: 'globex' })).toBe(false);

    const letters = await eventually(async () => {
      const mine = (await readWholeTopic(kafka, deadLetterTopicFor(topic))).filter((letter) =>
        [poison.value, foreignOrganisation.value, notJson.value].includes(letter.value ?? ''),
      );
      expect(mine).toHaveLength(3);
      return mine;
    });
    for (const letter of letters) {
      expect(letter.headers).toMatchObject({
        'dlq-consumer': orgDirectoryDefaults.consumer,
        'dlq-reason': 'poison',
        'dlq-original-topic': topic,
      });
    }
    const byValue = new Map(letters.map((letter) => [letter.value, letter.headers['dlq-error']]));
    expect(byValue.get(poison.value)).toContain(`${squadFormedV1.type} v1: data violates`);
    expect(byValue.get(foreignOrganisation.value)).toContain(
      'the organisation id is the tenant id',
    );
    expect(byValue.get(notJson.value)).toContain('Not JSON');
  });

  it('awaits an owner: true when it arrives within the wait, false after the timeout', async () => {
    const tenant = org.tenantId;
    const guild = { kind: 'guild', id: 'testing' } as const;
    const started = Date.now();
    const waiting = directory.awaitOwner(tenant, guild, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await publish(org.guildFormed('testing'));
    expect(await waiting).toBe(true);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(20_000);

    const missingSince = Date.now();
    expect(await directory.awaitOwner(tenant, { kind: 'squad', id: 'never' }, 700)).toBe(false);
    expect(Date.now() - missingSince).toBeGreaterThanOrEqual(700);
    expect(Date.now() - missingSince).toBeLessThan(3_000);

    const seenSince = Date.now();
    expect(await directory.awaitOwner(tenant, guild, 5_000)).toBe(true);
    expect(Date.now() - seenSince).toBeLessThan(1_000);
  });

  it('moves the members of a squad to the tribe their squad moved to', async () => {
    const tenant = org.tenantId;
    await publish(
      org.tribeFormed('payments'),
      org.tribeFormed('commerce'),
      org.squadFormed('checkout', 'payments'),
      org.personJoined('ann'),
      org.personJoined('bob'),
      org.joinedSquad('ann', 'checkout'),
      org.joinedSquad('bob', 'checkout'),
    );
    await eventually(async () => {
      expect((await directory.person(tenant, 'ann'))?.tribeIds).toEqual(['payments']);
      expect((await directory.unit(tenant, { kind: 'tribe', id: 'payments' }))?.memberIds).toEqual([
        'ann',
        'bob',
      ]);
    });

    await publish(org.squadMoved('checkout', 'payments', 'commerce'));

    await eventually(async () => {
      expect((await directory.person(tenant, 'ann'))?.tribeIds).toEqual(['commerce']);
      expect((await directory.person(tenant, 'bob'))?.tribeIds).toEqual(['commerce']);
      expect(await directory.unit(tenant, { kind: 'squad', id: 'checkout' })).toMatchObject({
        tribeId: 'commerce',
      });
      expect((await directory.unit(tenant, { kind: 'tribe', id: 'commerce' }))?.memberIds).toEqual([
        'ann',
        'bob',
      ]);
      expect((await directory.unit(tenant, { kind: 'tribe', id: 'payments' }))?.memberIds).toEqual(
        [],
      );
    });
  });

  it('knows a person who left as not active, member and lead of nothing', async () => {
    const tenant = org.tenantId;
    await publish(
      org.tribeFormed('payments'),
      org.squadFormed('checkout', 'payments'),
      org.chapterFormed('backend', 'payments'),
      org.guildFormed('testing'),
      org.tribeLeadAppointed('payments', 'ann'),
      org.personJoined('ann', 'Ann'),
      org.joinedSquad('ann', 'checkout'),
      org.joinedChapter('ann', 'backend', 'payments'),
      org.joinedGuild('ann', 'testing'),
    );
    await eventually(async () =>
      expect(await directory.person(tenant, 'ann')).toMatchObject({
        squadId: 'checkout',
        chapterId: 'backend',
        guildIds: ['testing'],
        leads: [{ kind: 'tribe', id: 'payments' }],
      }),
    );

    // As the org service publishes a departure: the memberships end first.
    await publish(
      org.leftSquad('ann', 'checkout'),
      org.leftChapter('ann', 'backend'),
      org.leftGuild('ann', 'testing'),
      org.personLeft('ann'),
    );

    await eventually(async () =>
      expect(await directory.person(tenant, 'ann')).toEqual({
        personId: 'ann',
        name: 'Ann',
        tribeIds: [],
        guildIds: [],
        leads: [],
        status: 'left',
      }),
    );
    expect(await directory.ownerExists(tenant, { kind: 'person', id: 'ann' })).toBe(false);
    expect(await directory.actorFor(tenant, 'ann', [])).toEqual({
      personId: 'ann',
      isAdmin: false,
      leads: [],
    });
    expect(await directory.unit(tenant, { kind: 'tribe', id: 'payments' })).toMatchObject({
      leadIds: [],
      memberIds: [],
    });
    expect((await directory.unit(tenant, { kind: 'squad', id: 'checkout' }))?.memberIds).toEqual(
      [],
    );
  });

  it('forgets an erased person: no name or reason kept in any directory document, late events included', async () => {
    const tenant = org.tenantId;
    const name = uniqueName('Erin Erasable');
    const joined = org.personJoined('erin', name);
    const inSquad = org.joinedSquad('erin', 'checkout');
    const renamed = org.on('person', 'erin', personProfileUpdatedV1, {
      personId: 'erin',
      name: `${name} Jr`,
    });
    const leftSquad = org.leftSquad('erin', 'checkout');
    const left = { ...org.personLeft('erin', `${name} moved to Oslo`), reason: `${name} asked` };
    await publish(
      org.tribeFormed('payments'),
      org.squadFormed('checkout', 'payments'),
      joined,
      inSquad,
    );
    await eventually(async () =>
      expect(await directory.labelsOf(tenant, [{ kind: 'person', id: 'erin' }])).toEqual([
        { kind: 'person', id: 'erin', name },
      ]),
    );

    // The rename (revision 2) arrives late, after the erasure (a dead letter replayed, say).
    await publish(leftSquad, left, org.personErased('erin'));
    await eventually(async () =>
      expect(await directory.person(tenant, 'erin')).toMatchObject({
        name: 'Erased person',
        status: 'left',
      }),
    );
    await publish(renamed);
    await eventually(async () =>
      expect(
        await connection
          .collection(orgDirectoryCollections.facts)
          .countDocuments({ tenantId: tenant, subjectId: 'erin' }),
      ).toBe(6),
    );

    expect(await directory.labelsOf(tenant, [{ kind: 'person', id: 'erin' }])).toEqual([
      { kind: 'person', id: 'erin', name: 'Erased person' },
    ]);
    for (const collection of Object.values(orgDirectoryCollections)) {
      const documents = await connection
        .collection(collection)
        .find({ tenantId: tenant })
        .toArray();
      expect([collection, JSON.stringify(documents)]).not.toEqual([
        collection,
        expect.stringMatching(/Erin Erasable|Oslo/),
      ]);
    }
  });

  it('follows leads replaced, coordinators removed and units dissolved', async () => {
    const tenant = org.tenantId;
    await publish(
      org.tribeFormed('payments'),
      org.tribeLeadAppointed('payments', 'ann'),
      org.squadFormed('checkout', 'payments'),
      org.productOwnerAppointed('checkout', 'ann'),
      org.guildFormed('testing'),
      org.coordinatorAdded('testing', 'ann'),
      org.coordinatorAdded('testing', 'bob'),
      org.personJoined('ann'),
      org.personJoined('bob'),
      org.joinedSquad('bob', 'checkout'),
    );
    await eventually(async () =>
      expect((await directory.actorFor(tenant, 'ann', [])).leads).toEqual([
        { kind: 'tribe', id: 'payments' },
        { kind: 'squad', id: 'checkout' },
        { kind: 'guild', id: 'testing' },
      ]),
    );

    await publish(
      org.tribeLeadAppointed('payments', 'bob', 'ann'),
      org.coordinatorRemoved('testing', 'ann'),
      org.squadDissolved('checkout'),
    );

    await eventually(async () => {
      expect((await directory.actorFor(tenant, 'ann', [])).leads).toEqual([]);
      expect((await directory.actorFor(tenant, 'bob', [])).leads).toEqual([
        { kind: 'tribe', id: 'payments' },
        { kind: 'guild', id: 'testing' },
      ]);
    });
    expect(await directory.unit(tenant, { kind: 'squad', id: 'checkout' })).toMatchObject({
      leadIds: [],
      memberIds: [],
      status: 'dissolved',
    });
    expect(await directory.ownerExists(tenant, { kind: 'squad', id: 'checkout' })).toBe(false);
    expect(await directory.person(tenant, 'bob')).not.toHaveProperty('squadId');
    expect((await directory.unit(tenant, { kind: 'guild', id: 'testing' }))?.leadIds).toEqual([
      'bob',
    ]);
  });
});
