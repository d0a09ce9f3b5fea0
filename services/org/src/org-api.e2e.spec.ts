import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@rhythm/event-sourcing';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import { generateTestKeyPair, mintTestToken } from '@rhythm/identity';
import { expectEventually, testInfrastructure, uniqueName } from '@rhythm/testing';
import type { OrgTree } from './application/org-tree/org-tree';
import type {
  MembershipPeriodResponse,
  PersonProfileResponse,
} from './application/people/person.responses';
import { orgStreams } from './org-domain';
import { OrgApiClient, type OrgApiError } from './testing/org-api.client';
import { OrgServiceProcess, orgToken } from './testing/org-service.process';
import { readOrgTopic, type OrgTopicMessage } from './testing/org-topic.reader';

// A new organisation driven through HTTP against the real process: PostgreSQL event store,
// FerretDB read models, Kafka relay. Steps share state and run in order.
jest.setTimeout(180_000);

const eventually = <T>(assertion: () => Promise<T>) =>
  expectEventually(assertion, { timeoutMs: 30_000, intervalMs: 200 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The tree by names, so that assertions read like the org chart. */
const chart = (tree: OrgTree) => ({
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

describe('org API end to end: a new organisation set up and reshaped through HTTP', () => {
  const tenantId = uniqueName('acme');
  /** Establishes the organisation and registers its people: an admin who is no person of it. */
  const founderId = randomUUID();
  /** Finn, a person of the organisation and its admin, reshapes it (docs/adr/0032). */
  let adminId = '';
  let service: OrgServiceProcess;
  let api: OrgApiClient;
  /** Ids the API gave out, by name. */
  const id: Record<string, string> = {};
  const unknownId = randomUUID();
  let establishCorrelationId = '';

  const as = (person: string, roles: string[] = ['member']) =>
    api.as(orgToken({ personId: id[person], tenantId, roles }));

  const created = async (path: string, body: unknown, name: string) => {
    const response = await api.post(path, body);
    expect({ status: response.status, body: response.body }).toEqual({
      status: 201,
      body: { id: expect.any(String), revision: 0 },
    });
    id[name] = response.body.id;
    return response;
  };

  const ok = async (response: Promise<{ status: number; body: unknown }>, status = 200) => {
    const { status: actual, body } = await response;
    expect({ status: actual, body }).toEqual({ status, body: expect.anything() });
    return body as { id: string; revision: number };
  };

  const error = async (
    response: Promise<{ status: number; body: unknown }>,
    status: number,
    code: string,
  ): Promise<OrgApiError> => {
    const { status: actual, body } = await response;
    expect({ status: actual, error: (body as OrgApiError).error }).toEqual({ status, error: code });
    return body as OrgApiError;
  };

  const tree = async (asOf?: string) => {
    const response = await api.get<OrgTree>(
      `/org/tree${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
    );
    expect(response.status).toBe(200);
    return response.body;
  };

  const profile = async (person: string) => {
    const response = await api.get<PersonProfileResponse>(`/people/${id[person]}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    service = await OrgServiceProcess.start();
    api = new OrgApiClient(
      service.url,
      orgToken({ personId: founderId, tenantId, roles: ['admin', 'member'] }),
    );
  });

  afterAll(async () => {
    if (!service) return;
    const exit = await service.stop();
    await service.dispose();
    expect(exit).toBe(0); // a clean, drained shutdown
  });

  it('refuses a caller without a valid bearer token (401)', async () => {
    const missing = await error(api.get('/org/tree', { token: undefined }), 401, 'unauthenticated');
    expect(missing.reason).toBe('missing_token');

    const garbage = await error(
      api.post('/organisation', { name: 'Acme' }, { token: 'not.a.jwt' }),
      401,
      'unauthenticated',
    );
    expect(garbage.reason).toBe('invalid_token');

    const foreignKey = mintTestToken({
      sub: founderId,
      tenant: tenantId,
      roles: ['admin'],
      keys: generateTestKeyPair(),
    });
    const forged = await error(
      api.post('/organisation', { name: 'Acme' }, { token: foreignKey }),
      401,
      'unauthenticated',
    );
    expect(forged.reason).toBe('invalid_token');
  });

  it('an admin establishes the organisation once', async () => {
    const response = await api.post('/organisation', { name: 'Acme Music' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: tenantId, revision: 0 });
    expect(response.headers.get('etag')).toBe('"0"');
    expect(response.headers.get('location')).toBe('/org/tree');
    establishCorrelationId = response.headers.get('x-correlation-id') ?? '';
    expect(establishCorrelationId).not.toBe('');

    await error(api.post('/organisation', { name: 'Acme again' }), 409, 'already_exists');
    // The founder is no person of the organisation: they set it up, and see nothing of it.
    await error(api.get('/org/tree'), 403, 'forbidden');
  });

  it('people join; bad input is a 400 that names every field at fault', async () => {
    for (const name of ['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Finn']) {
      const response = await created(
        '/people',
        { name, email: `${name.toLowerCase()}@acme.test` },
        name,
      );
      expect(response.headers.get('location')).toBe(`/people/${id[name]}`);
    }
    adminId = id.Finn;
    api = as('Finn', ['admin', 'member']);
    await eventually(async () =>
      expect((await tree()).organisation).toEqual({ organisationId: tenantId, name: 'Acme Music' }),
    );

    const invalid = await error(
      api.post('/people', { name: '', email: 'not-an-email', shoeSize: 44 }),
      400,
      'validation_failed',
    );
    expect(Object.keys(invalid.fields ?? {}).sort()).toEqual(['email', 'name', 'shoeSize']);

    await eventually(async () =>
      expect(await profile('Ann')).toEqual({
        personId: id.Ann,
        name: 'Ann',
        email: 'ann@acme.test',
        status: 'in-organisation',
        joinedAt: expect.any(String),
        squad: null,
        chapter: null,
        guilds: [],
      }),
    );
  });

  it('forms tribes, squads, chapters and a guild, and appoints their leads', async () => {
    await created('/tribes', { name: 'Payments', mission: 'Money moves safely' }, 'Payments');
    await created('/tribes', { name: 'Discovery', mission: 'Find the next song' }, 'Discovery');
    await created('/squads', { tribeId: id.Payments, name: 'Checkout' }, 'Checkout');
    await created('/squads', { tribeId: id.Payments, name: 'Wallet' }, 'Wallet');
    await created('/squads', { tribeId: id.Discovery, name: 'Search' }, 'Search');
    await created(
      '/chapters',
      { tribeId: id.Payments, name: 'Backend', craft: 'backend' },
      'Backend',
    );
    await created(
      '/chapters',
      { tribeId: id.Discovery, name: 'Design', craft: 'design' },
      'Design',
    );
    await created('/guilds', { name: 'Web', interest: 'Web performance' }, 'Web');

    expect(await ok(api.put(`/tribes/${id.Payments}/lead`, { personId: id.Ann }))).toEqual({
      id: id.Payments,
      revision: 1,
    });
    await ok(api.put(`/squads/${id.Checkout}/product-owner`, { personId: id.Ben }));
    await ok(api.put(`/squads/${id.Search}/product-owner`, { personId: id.Dan }));
    await ok(api.put(`/chapters/${id.Backend}/lead`, { personId: id.Cat }));
    await ok(api.post(`/guilds/${id.Web}/coordinators`, { personId: id.Dan }));

    const invalid = await error(
      api.post('/squads', { tribeId: 'payments', name: '' }),
      400,
      'validation_failed',
    );
    expect(Object.keys(invalid.fields ?? {}).sort()).toEqual(['name', 'tribeId']);
    await error(api.post('/squads', { tribeId: unknownId, name: 'Ghost' }), 404, 'not_found');
    await error(api.put(`/tribes/${unknownId}/lead`, { personId: id.Ann }), 404, 'not_found');
    // A lead must be a person of the organisation: an unknown one is not found, named by its field.
    const noSuchLead = await error(
      api.put(`/tribes/${id.Payments}/lead`, { personId: unknownId }),
      404,
      'not_found',
    );
    expect(noSuchLead.fields).toEqual({ personId: 'unknown person' });
    await error(api.get(`/tribes/${unknownId}`), 404, 'not_found');
    await error(api.get(`/guilds/${unknownId}`), 404, 'not_found');
  });

  it('memberships: one squad and one chapter at a time; guilds are joined by people themselves', async () => {
    for (const [person, squad] of [
      ['Ann', 'Checkout'],
      ['Ben', 'Checkout'],
      ['Cat', 'Wallet'],
      ['Dan', 'Search'],
      ['Eve', 'Search'],
      ['Finn', 'Wallet'],
    ]) {
      await ok(api.post(`/squads/${id[squad]}/members`, { personId: id[person] }), 201);
    }
    await error(
      api.post(`/squads/${id.Checkout}/members`, { personId: id.Ann }),
      409,
      'already_exists',
    );
    await ok(api.post(`/chapters/${id.Backend}/members`, { personId: id.Ann }), 201);
    await ok(api.post(`/chapters/${id.Backend}/members`, { personId: id.Cat }), 201);

    // At most one chapter; and only a chapter of the tribe of one's squad.
    const secondChapter = await error(
      api.post(`/chapters/${id.Design}/members`, { personId: id.Ann }),
      409,
      'rule_violated',
    );
    expect(Object.keys(secondChapter.fields ?? {})).toEqual(['chapterId']);
    const otherTribe = await error(
      api.post(`/chapters/${id.Design}/members`, { personId: id.Finn }),
      409,
      'rule_violated',
    );
    expect(Object.keys(otherTribe.fields ?? {})).toEqual(['chapterId']);

    // Eve joins the guild herself; a member may not add someone else, nor call admin endpoints.
    await ok(as('Eve').post(`/guilds/${id.Web}/members`, {}), 201);
    await ok(api.post(`/guilds/${id.Web}/members`, { personId: id.Ann }), 201);
    await error(
      as('Eve').post(`/guilds/${id.Web}/members`, { personId: id.Ben }),
      403,
      'forbidden',
    );
    await error(as('Eve').post('/tribes', { name: 'Eve’s own tribe' }), 403, 'forbidden');
    await error(as('Eve').put(`/squads/${id.Search}/name`, { name: 'Mine' }), 403, 'forbidden');
    await error(as('Eve').patch(`/people/${id.Ben}`, { name: 'Benny' }), 403, 'forbidden');
    await ok(as('Eve').patch(`/people/${id.Eve}`, { name: 'Eve Adams' }));
    await error(api.post(`/squads/${unknownId}/members`, { personId: id.Ann }), 404, 'not_found');
    await error(
      api.post(`/squads/${id.Wallet}/members`, { personId: unknownId }),
      404,
      'not_found',
    );

    // A second squad is a move: the first membership ends; Wallet is in Payments, so the chapter stays.
    await ok(api.post(`/squads/${id.Wallet}/members`, { personId: id.Ann }), 201);
    await eventually(async () =>
      expect(await profile('Ann')).toMatchObject({
        squad: { id: id.Wallet, name: 'Wallet', tribe: { id: id.Payments, name: 'Payments' } },
        chapter: { id: id.Backend, name: 'Backend' },
        guilds: [{ id: id.Web, name: 'Web' }],
      }),
    );
    const history = await api.get<MembershipPeriodResponse[]>(`/people/${id.Ann}/memberships`);
    expect(
      history.body
        .map(({ kind, unitName, to, endedBy }) => ({ kind, unitName, open: to === null, endedBy }))
        .sort((a, b) => a.unitName.localeCompare(b.unitName)),
    ).toEqual([
      { kind: 'chapter', unitName: 'Backend', open: true, endedBy: null },
      { kind: 'squad', unitName: 'Checkout', open: false, endedBy: 'moved' },
      { kind: 'squad', unitName: 'Wallet', open: true, endedBy: null },
      { kind: 'guild', unitName: 'Web', open: true, endedBy: null },
    ]);
  });

  /** The structure before the reshaping, as the org chart showed it. */
  const before = {
    organisation: 'Acme Music',
    tribes: [
      {
        name: 'Discovery',
        lead: null,
        squads: [{ name: 'Search', productOwner: 'Dan', members: ['Dan', 'Eve Adams'] }],
        chapters: [{ name: 'Design', lead: null, members: [] }],
      },
      {
        name: 'Payments',
        lead: 'Ann',
        squads: [
          { name: 'Checkout', productOwner: 'Ben', members: ['Ben'] },
          { name: 'Wallet', productOwner: null, members: ['Ann', 'Cat', 'Finn'] },
        ],
        chapters: [{ name: 'Backend', lead: 'Cat', members: ['Ann', 'Cat'] }],
      },
    ],
    guilds: [{ name: 'Web', coordinators: ['Dan'], members: ['Ann', 'Eve Adams'] }],
    withoutSquad: [],
  };
  let beforeReshaping = '';
  let moveTookEffect = '';

  it('shows the org tree as built', async () => {
    await eventually(async () => expect(chart(await tree())).toEqual(before));
    beforeReshaping = new Date().toISOString();
    await sleep(50);
  });

  it('reshapes the org: rename with If-Match, move a squad, dissolve, a person leaves', async () => {
    // Optimistic concurrency: the ETag of Wallet's formation is revision 0.
    const renamed = await api.put(
      `/squads/${id.Wallet}/name`,
      { name: 'Wallet & Cards' },
      {
        ifMatch: 0,
      },
    );
    expect({ status: renamed.status, etag: renamed.headers.get('etag') }).toEqual({
      status: 200,
      etag: '"1"',
    });
    await error(
      api.put(`/squads/${id.Wallet}/name`, { name: 'Wallet II' }, { ifMatch: 0 }),
      409,
      'version_conflict',
    );
    const badIfMatch = await error(
      api.put(`/squads/${id.Wallet}/name`, { name: 'Wallet II' }, { ifMatch: 'latest' }),
      400,
      'validation_failed',
    );
    expect(Object.keys(badIfMatch.fields ?? {})).toEqual(['If-Match']);

    // Search moves to Payments, effective a moment before the move is recorded.
    moveTookEffect = new Date().toISOString();
    await sleep(50);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const tooLate = await error(
      api.post(`/squads/${id.Search}/move`, { toTribeId: id.Payments, effectiveAt: future }),
      400,
      'validation_failed',
    );
    expect(Object.keys(tooLate.fields ?? {})).toEqual(['effectiveAt']);
    await ok(
      api.post(`/squads/${id.Search}/move`, {
        toTribeId: id.Payments,
        effectiveAt: moveTookEffect,
      }),
    );

    await ok(api.post(`/squads/${id.Checkout}/dissolve`, { reason: 'Merged into Wallet' }));
    // A tribe with a chapter left cannot be dissolved; without one it can.
    await error(
      api.post(`/tribes/${id.Discovery}/dissolve`, { reason: 'Empty' }),
      409,
      'rule_violated',
    );
    await ok(api.post(`/chapters/${id.Design}/dissolve`, { reason: 'No designers left' }));
    await ok(api.post(`/tribes/${id.Discovery}/dissolve`, { reason: 'Empty' }));

    await ok(api.post(`/people/${id.Cat}/leave`, { reason: 'Moved abroad' }));
    await error(api.patch(`/people/${id.Cat}`, { name: 'Cat' }), 409, 'rule_violated');
    await error(api.post(`/people/${unknownId}/leave`, { reason: 'Who?' }), 404, 'not_found');
  });

  it('shows the org tree as it is now', async () => {
    await eventually(async () =>
      expect(chart(await tree())).toEqual({
        organisation: 'Acme Music',
        tribes: [
          {
            name: 'Payments',
            lead: 'Ann',
            squads: [
              { name: 'Search', productOwner: 'Dan', members: ['Dan', 'Eve Adams'] },
              { name: 'Wallet & Cards', productOwner: null, members: ['Ann', 'Finn'] },
            ],
            // Cat left: the lead role shows vacant.
            chapters: [{ name: 'Backend', lead: null, members: ['Ann'] }],
          },
        ],
        guilds: [{ name: 'Web', coordinators: ['Dan'], members: ['Ann', 'Eve Adams'] }],
        withoutSquad: ['Ben'],
      }),
    );
    expect(await profile('Ann')).toMatchObject({
      squad: { id: id.Wallet, name: 'Wallet & Cards', tribe: { id: id.Payments } },
      chapter: { id: id.Backend, name: 'Backend' },
      guilds: [{ id: id.Web, name: 'Web' }],
    });
    expect(await profile('Dan')).toMatchObject({
      squad: { id: id.Search, name: 'Search', tribe: { id: id.Payments, name: 'Payments' } },
    });
    expect(await profile('Cat')).toEqual({
      personId: id.Cat,
      name: 'Cat',
      email: 'cat@acme.test',
      status: 'left',
      joinedAt: expect.any(String),
      leftAt: expect.any(String),
      squad: null,
      chapter: null,
      guilds: [],
    });
    const catHistory = await api.get<MembershipPeriodResponse[]>(`/people/${id.Cat}/memberships`);
    expect(catHistory.body.map(({ unitName, endedBy }) => ({ unitName, endedBy })).sort()).toEqual(
      expect.arrayContaining([
        { unitName: 'Wallet & Cards', endedBy: 'left-organisation' },
        { unitName: 'Backend', endedBy: 'left-organisation' },
      ]),
    );
    const benHistory = await api.get<MembershipPeriodResponse[]>(`/people/${id.Ben}/memberships`);
    expect(benHistory.body.map(({ unitName, endedBy }) => ({ unitName, endedBy }))).toEqual([
      { unitName: 'Checkout', endedBy: 'unit-dissolved' },
    ]);
    await error(api.get(`/people/${unknownId}`), 404, 'not_found');
    await error(api.get(`/squads/${unknownId}`), 404, 'not_found');
    const squad = await api.get(`/squads/${id.Checkout}`);
    expect(squad.body).toMatchObject({ name: 'Checkout', status: 'dissolved' });
  });

  it('shows the org as it stood at an earlier moment (the history read model)', async () => {
    // Names as they were then, members and leads then, dissolved units still there.
    expect(chart(await tree(beforeReshaping))).toEqual(before);
    // The move counts from its effective time, before it was recorded.
    const atMove = await tree(moveTookEffect);
    expect(
      atMove.tribes.map((tribe) => ({
        name: tribe.name,
        squads: tribe.squads.map((squad) => squad.name),
      })),
    ).toEqual([
      { name: 'Discovery', squads: [] },
      { name: 'Payments', squads: ['Checkout', 'Search', 'Wallet & Cards'] },
    ]);

    const invalid = await error(api.get('/org/tree?asOf=yesterday'), 400, 'validation_failed');
    expect(Object.keys(invalid.fields ?? {})).toEqual(['asOf']);
  });

  it('publishes every change once on the org topic, keyed by stream id, valid against the contracts', async () => {
    const store = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema: service.stores.schema,
    });
    const recorded: RecordedEvent[] = [];
    try {
      for await (const event of store.readAll()) recorded.push(event);
    } finally {
      await store.close();
    }

    let messages: OrgTopicMessage[] = [];
    await eventually(async () => {
      messages = await readOrgTopic(service.stores.topic);
      expect(messages.length).toBeGreaterThanOrEqual(recorded.length);
    });

    expect(messages.filter((message) => message.violation)).toEqual([]);
    const envelopes = messages.map((message) => message.envelope!);
    for (const message of messages) {
      expect(message.key).toBe(message.envelope!.streamId);
      expect(message.headers['event-id']).toBe(message.envelope!.eventId);
    }
    // Exactly the recorded events, each once.
    const eventIds = envelopes.map((envelope) => envelope.eventId);
    expect(new Set(eventIds).size).toBe(eventIds.length);
    expect([...eventIds].sort()).toEqual(recorded.map((event) => event.metadata.eventId).sort());
    expect(new Set(envelopes.map((envelope) => envelope.tenantId))).toEqual(new Set([tenantId]));

    // What the scenario did, by integration event type.
    const counts: Record<string, number> = {};
    for (const { type } of envelopes) counts[type] = (counts[type] ?? 0) + 1;
    expect(counts).toEqual({
      'org.organisation-established': 1,
      'org.person-joined': 6,
      'org.person-profile-updated': 1,
      'org.tribe-formed': 2,
      'org.tribe-lead-appointed': 1,
      'org.tribe-dissolved': 1,
      'org.squad-formed': 3,
      'org.product-owner-appointed': 2,
      'org.squad-renamed': 1,
      'org.squad-moved': 1,
      'org.squad-dissolved': 1,
      'org.chapter-formed': 2,
      'org.chapter-lead-appointed': 1,
      'org.chapter-dissolved': 1,
      'org.guild-formed': 1,
      'org.guild-coordinator-added': 1,
      'org.person-joined-squad': 7,
      'org.person-joined-chapter': 2,
      'org.person-joined-guild': 2,
      'org.person-left-squad': 1,
      'org.person-left-chapter': 1,
      'org.person-left': 1,
    });

    // One aggregate's events in the order of its stream.
    const byStream = new Map<string, number[]>();
    for (const envelope of envelopes) {
      byStream.set(envelope.streamId, [
        ...(byStream.get(envelope.streamId) ?? []),
        envelope.streamRevision,
      ]);
    }
    for (const revisions of byStream.values()) {
      expect(revisions).toEqual(revisions.map((_, index) => index));
    }

    const of = (type: string) => envelopes.filter((envelope) => envelope.type === type);
    expect(of('org.squad-moved').map(({ streamId, data }) => ({ streamId, data }))).toEqual([
      {
        streamId: orgStreams.squad(tenantId, id.Search),
        data: {
          squadId: id.Search,
          fromTribeId: id.Discovery,
          toTribeId: id.Payments,
          effectiveAt: moveTookEffect,
        },
      },
    ]);
    expect(
      of('org.person-joined-squad')
        .filter(({ data }) => data.personId === id.Ann)
        .map(({ data }) => data),
    ).toEqual([
      { personId: id.Ann, squadId: id.Checkout, previousSquadId: null },
      { personId: id.Ann, squadId: id.Wallet, previousSquadId: id.Checkout },
    ]);
    // Cat's leaving: memberships end first, then the person leaves, with the reason.
    expect(
      envelopes
        .filter(({ streamId }) => streamId === orgStreams.person(tenantId, id.Cat))
        .map(({ type, reason }) => ({ type, reason })),
    ).toEqual([
      { type: 'org.person-joined', reason: undefined },
      { type: 'org.person-joined-squad', reason: undefined },
      { type: 'org.person-joined-chapter', reason: undefined },
      { type: 'org.person-left-squad', reason: 'Moved abroad' },
      { type: 'org.person-left-chapter', reason: 'Moved abroad' },
      { type: 'org.person-left', reason: 'Moved abroad' },
    ]);
    // The audit trail: who did it, in which request. Two people's streams may sit on two
    // partitions: their order on the topic is not defined.
    const guildJoins = of('org.person-joined-guild').map(({ actor, data }) => [
      actor,
      data.personId,
    ]);
    expect(guildJoins).toHaveLength(2);
    expect(guildJoins).toEqual(
      expect.arrayContaining([
        [id.Eve, id.Eve],
        [adminId, id.Ann],
      ]),
    );
    expect(of('org.organisation-established')[0].correlationId).toBe(establishCorrelationId);
  });
});
