import type { RecordedEvent } from '@rhythm/event-sourcing';
import { expectEventually, pollUntil, testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import type { OrgTree } from './application/org-tree/org-tree';
import type {
  MembershipPeriodResponse,
  PersonProfileResponse,
} from './application/people/person.responses';
import { openOrgEventStore } from './infrastructure/org-infrastructure.providers';
import { orgStreams } from './org-domain';
import {
  connectionErrorCode,
  OrgApiClient,
  type CommandAccepted,
  type OrgApiResponse,
} from './testing/org-api.client';
import { foundOrganisation } from './testing/founded-organisation';
import { OrgServiceProcess } from './testing/org-service.process';
import { readOrgTopic } from './testing/org-topic.reader';

// kill -9 of the org service in the middle of a burst of 1,000 commands from a few concurrent
// clients, a restart on the same stores, and then: what was acknowledged is in the event store,
// on the topic exactly once, and in the read models exactly once. Generous timeouts: a slow
// 2-core machine shared with others.
jest.setTimeout(900_000);

const commands = 1_000;
const clients = 6;
const killAfterAcks = 300;

type Phase = 'before-kill' | 'down' | 'after-restart';

type Outcome =
  | Readonly<{ kind: 'ack'; phase: Phase; streamId: string; revision: number }>
  | Readonly<{ kind: 'connection-error'; phase: Phase; code: string }>
  | Readonly<{ kind: 'rejected'; phase: Phase; status: number; body: unknown }>;

describe('org service crash: kill -9 during a burst of 1,000 commands', () => {
  const tenantId = uniqueName('crash');
  let service: OrgServiceProcess;
  let api: OrgApiClient;
  let mongo: Connection;

  beforeAll(async () => {
    service = await OrgServiceProcess.start();
    api = new OrgApiClient(service.url);
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${service.stores.database}`;
    mongo = await mongoose
      .createConnection(url.toString(), {
        serverSelectionTimeoutMS: 10_000,
        socketTimeoutMS: 60_000,
      })
      .asPromise();
  });

  afterAll(async () => {
    await mongo?.close();
    if (service) {
      if (service.running) await service.stop();
      await service.dispose();
    }
  });

  it('keeps every acknowledged change, on the topic and in the read models, exactly once', async () => {
    // The admin who drives the burst is a person of the organisation too (docs/adr/0032).
    api = (await foundOrganisation(api, tenantId, { organisation: 'Crash Test Dummies' })).admin;
    const guild = await api.post('/guilds', { name: 'Burst', interest: 'Surviving kill -9' });
    expect(guild.status).toBe(201);
    const guildId = guild.body.id;

    // The burst: each client takes people through join → rename → join the guild → rename.
    const outcomes: Outcome[] = [];
    let attempted = 0;
    let nextPerson = 0;
    let phase: Phase = 'before-kill';
    let back: Promise<void> = Promise.resolve();
    let crash: Promise<void> | undefined;
    const timings = {
      start: Date.now(),
      killed: 0,
      ready: 0,
      burstDone: 0,
      caughtUp: 0,
      readModelsDone: 0,
    };

    const killAndRestart = async () => {
      const exit = await service.kill('SIGKILL');
      expect(exit).toBe('SIGKILL');
      timings.killed = Date.now();
      phase = 'down';
      await service.restart();
      timings.ready = Date.now();
      phase = 'after-restart';
    };

    const send = async (
      request: () => Promise<OrgApiResponse<CommandAccepted>>,
    ): Promise<CommandAccepted | undefined> => {
      attempted++;
      let response: OrgApiResponse<CommandAccepted>;
      try {
        response = await request();
      } catch (error) {
        const code = connectionErrorCode(error);
        if (code === undefined) throw error;
        outcomes.push({ kind: 'connection-error', phase, code });
        await back; // the service is being restarted: carry on once it is back
        return undefined;
      }
      if (response.status !== 200 && response.status !== 201) {
        outcomes.push({ kind: 'rejected', phase, status: response.status, body: response.body });
        return undefined;
      }
      outcomes.push({
        kind: 'ack',
        phase,
        streamId: orgStreams.person(tenantId, response.body.id),
        revision: response.body.revision,
      });
      if (outcomes.filter((outcome) => outcome.kind === 'ack').length === killAfterAcks) {
        crash = killAndRestart();
        back = crash;
      }
      return response.body;
    };

    // Ten commands per person; the person's stream orders them, so the read models must end
    // with the last name and the last guild membership.
    const lifecycle = (n: number, personId: string) => [
      () => api.patch(`/people/${personId}`, { name: `Person ${n} v1` }),
      () => api.post(`/guilds/${guildId}/members`, { personId }),
      () => api.patch(`/people/${personId}`, { name: `Person ${n} v2` }),
      () => api.patch(`/people/${personId}`, { email: `person.${n}.v3@crash.test` }),
      () => api.delete(`/guilds/${guildId}/members/${personId}`),
      () => api.patch(`/people/${personId}`, { name: `Person ${n} v4` }),
      () => api.post(`/guilds/${guildId}/members`, { personId }),
      () => api.patch(`/people/${personId}`, { name: `Person ${n} v5` }),
      () => api.patch(`/people/${personId}`, { name: `Person ${n} v6` }),
    ];
    const client = async () => {
      while (attempted < commands) {
        const n = nextPerson++;
        const joined = await send(() =>
          api.post('/people', { name: `Person ${n}`, email: `person.${n}@crash.test` }),
        );
        if (!joined) continue;
        for (const step of lifecycle(n, joined.id)) {
          // After an unanswered command its outcome is unknown (the next guild step could be
          // refused for a good reason): that person is left as they are.
          if (attempted >= commands || !(await send(step))) break;
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    timings.burstDone = Date.now();
    expect(crash).toBeDefined();
    await crash;

    // The kill really happened mid-burst: acks before it, requests cut off by it, acks after it.
    const acks = outcomes.filter((outcome) => outcome.kind === 'ack');
    const failures = outcomes.filter((outcome) => outcome.kind === 'connection-error');
    expect(outcomes).toHaveLength(commands);
    expect(outcomes.filter((outcome) => outcome.kind === 'rejected')).toEqual([]);
    const acksBeforeKill = acks.filter((ack) => ack.phase === 'before-kill').length;
    const acksAfterRestart = acks.filter((ack) => ack.phase === 'after-restart').length;
    expect(acksBeforeKill).toBeGreaterThanOrEqual(killAfterAcks);
    expect(acksAfterRestart).toBeGreaterThan(commands / 2);
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(service.startCount).toBe(2);

    // 1. Every acknowledged command is in the event store.
    // As the service reads it: people's names and e-mails are sealed at rest (ADR 0034).
    const store = await openOrgEventStore({
      EVENT_STORE: 'postgres',
      DATABASE_URL: testInfrastructure.databaseUrl(),
      ORG_EVENT_STORE_SCHEMA: service.stores.schema,
    });
    const recorded: RecordedEvent[] = [];
    try {
      for await (const event of store.readAll()) recorded.push(event);
    } finally {
      await store.close();
    }
    const recordedAt = new Map(
      recorded.map((event) => [`${event.streamId}@${event.streamRevision}`, event]),
    );
    const acknowledged = acks.map((ack) => recordedAt.get(`${ack.streamId}@${ack.revision}`));
    expect(acknowledged.filter((event) => event === undefined)).toHaveLength(0);
    const acknowledgedIds = new Set(acknowledged.map((event) => event!.metadata.eventId));
    expect(acknowledgedIds.size).toBe(acks.length);
    // Unanswered commands may or may not have been recorded, never more than once.
    const personEvents = recorded.filter((event) => event.streamId.startsWith('person-'));
    expect(personEvents.length).toBeGreaterThanOrEqual(acks.length);
    // One more: the admin's own registration, before the burst.
    expect(personEvents.length).toBeLessThanOrEqual(acks.length + failures.length + 1);

    // 2. The topic holds every recorded event, the acknowledged ones included, exactly once.
    const recordedIds = new Set(recorded.map((event) => event.metadata.eventId));
    const messages = await pollUntil(
      () => readOrgTopic(service.stores.topic),
      (read) => {
        const seen = new Set(read.map((message) => message.envelope?.eventId));
        return [...recordedIds].every((eventId) => seen.has(eventId));
      },
      { timeoutMs: 180_000, intervalMs: 2_000, description: 'the relay to publish every event' },
    );
    timings.caughtUp = Date.now();
    expect(messages.filter((message) => message.violation)).toEqual([]);
    const published = new Map<string, number>();
    for (const message of messages) {
      expect(message.key).toBe(message.envelope!.streamId);
      const eventId = message.envelope!.eventId;
      published.set(eventId, (published.get(eventId) ?? 0) + 1);
    }
    const duplicates = [...published].filter(([, count]) => count > 1);
    expect(duplicates).toEqual([]);
    expect(new Set(published.keys())).toEqual(recordedIds);
    expect([...acknowledgedIds].filter((eventId) => published.get(eventId) !== 1)).toEqual([]);

    // 3. The read models hold every recorded change exactly once. What they must show follows
    // from the store: acknowledged changes plus the unanswered ones that were recorded.
    type PersonFacts = { names: string[]; email: string; guild: ('joined' | 'left')[] };
    const people = new Map<string, PersonFacts>();
    for (const event of personEvents) {
      const data = event.data as { personId: string; name?: string; email?: string };
      const person = people.get(data.personId) ?? { names: [], email: '', guild: [] };
      if (event.type === 'PersonJoinedOrganisation' || event.type === 'PersonProfileUpdated') {
        person.names.push(data.name!);
        person.email = data.email!;
      }
      if (event.type === 'PersonJoinedGuild') person.guild.push('joined');
      if (event.type === 'PersonLeftGuild') person.guild.push('left');
      people.set(data.personId, person);
    }
    const inGuild = (person: PersonFacts) => person.guild.at(-1) === 'joined';
    const guildMembers = [...people.values()].filter(inGuild).length;
    const guildJoins = personEvents.filter((event) => event.type === 'PersonJoinedGuild').length;
    // Reads fewer than a cursor's first batch stay cheap for FerretDB; ours are read whole at once.
    const whole = { batchSize: 5_000 };

    await expectEventually(
      async () => {
        const tree = (await api.get<OrgTree>('/org/tree')).body;
        expect(tree.withoutSquad).toHaveLength(people.size);
        expect(new Set(tree.withoutSquad.map((person) => person.personId)).size).toBe(people.size);
        expect(tree.withoutSquad.map((person) => person.name).sort()).toEqual(
          [...people.values()].map((person) => person.names.at(-1)).sort(),
        );
        const members = tree.guilds.find((candidate) => candidate.guildId === guildId)!.members;
        expect(members).toHaveLength(guildMembers);
        expect(new Set(members.map((member) => member.personId)).size).toBe(guildMembers);
      },
      { timeoutMs: 180_000, intervalMs: 2_000 },
    );

    // The history read model (its own projection, which may lag behind the structure), straight
    // from its collections: one name interval per recorded profile event, one membership
    // interval per recorded guild join, and only the latest of each still open.
    const collections = (await mongo.db!.listCollections().toArray()).map(({ name }) => name);
    const collection = <T extends object>(logical: string) => {
      const physical = collections.find((name) => name.startsWith(`${logical}__g`));
      expect([logical, physical]).toEqual([logical, expect.any(String)]);
      return mongo.db!.collection<T>(physical!);
    };
    const timeline = collection<{ subjectId: string; value: unknown; validTo: Date | null }>(
      'org_timeline',
    );
    const membershipIntervals = collection<{
      personId: string;
      validTo: Date | null;
      endedBy: string | null;
    }>('org_membership_intervals');
    const nameEvents = personEvents.filter(
      (event) => event.type === 'PersonJoinedOrganisation' || event.type === 'PersonProfileUpdated',
    );
    await expectEventually(
      async () => {
        const intervals = await timeline
          .find({ tenantId, kind: 'person', attribute: 'name' }, whole)
          .toArray();
        expect(intervals).toHaveLength(nameEvents.length);
        const namesInTimeline = new Map<string, string[]>();
        for (const { subjectId, value } of intervals) {
          namesInTimeline.set(subjectId, [
            ...(namesInTimeline.get(subjectId) ?? []),
            String(value),
          ]);
        }
        for (const [personId, person] of people) {
          expect([personId, (namesInTimeline.get(personId) ?? []).sort()]).toEqual([
            personId,
            [...person.names].sort(),
          ]);
        }
        expect(intervals.filter(({ validTo }) => validTo === null)).toHaveLength(people.size);

        const memberships = await membershipIntervals
          .find({ tenantId, kind: 'guild', unitId: guildId }, whole)
          .toArray();
        expect(memberships).toHaveLength(guildJoins);
        const open = memberships.filter(({ validTo }) => validTo === null);
        expect(open).toHaveLength(guildMembers);
        expect(new Set(open.map(({ personId }) => personId)).size).toBe(guildMembers);
        expect(
          memberships.filter(({ validTo }) => validTo !== null).map(({ endedBy }) => endedBy),
        ).toEqual(Array(guildJoins - guildMembers).fill('requested'));
      },
      { timeoutMs: 240_000, intervalMs: 2_000 },
    );

    // Profiles and membership histories through the API, sampled across the burst (before,
    // around and after the kill).
    const sample = [...people.keys()].filter((_, index) => index % 5 === 0);
    for (const personId of sample) {
      const person = people.get(personId)!;
      const response = await api.get<PersonProfileResponse>(`/people/${personId}`);
      expect(response.body).toMatchObject({
        personId,
        name: person.names.at(-1),
        email: person.email,
        guilds: inGuild(person) ? [{ id: guildId, name: 'Burst' }] : [],
      });
      const periods = await api.get<MembershipPeriodResponse[]>(`/people/${personId}/memberships`);
      expect(
        periods.body.map(({ to, endedBy }) => (to === null ? 'open' : endedBy)).sort(),
      ).toEqual(
        person.guild
          .filter((change) => change === 'joined')
          .map((_, index, joins) =>
            index === joins.length - 1 && inGuild(person) ? 'open' : 'requested',
          )
          .sort(),
      );
    }
    timings.readModelsDone = Date.now();

    process.stdout.write(
      `org crash test: ${commands} commands from ${clients} clients; ` +
        `${acks.length} acknowledged (${acksBeforeKill} before kill -9, ${acksAfterRestart} after restart), ` +
        `${failures.length} connection errors (${[...new Set(failures.map((f) => f.code))].join(', ')}); ` +
        `${recorded.length} events recorded, ${messages.length} on the topic, ${duplicates.length} duplicates; ` +
        `kill at +${timings.killed - timings.start} ms, ready again after ${timings.ready - timings.killed} ms, ` +
        `burst done at +${timings.burstDone - timings.start} ms, topic complete at +${timings.caughtUp - timings.start} ms, ` +
        `read models complete at +${timings.readModelsDone - timings.start} ms\n`,
    );

    expect(await service.stop()).toBe(0);
  });
});
