import { ReadModelCollections, TenantId } from '@rhythm/projections';
import { ReadModelSandbox } from '@rhythm/projections/testing';
import {
  flowOfTotals,
  recognitionFlow,
  recognitionStreams,
  type FlowKudos,
  type FlowPopulation,
  type Unit,
} from '@rhythm/recognition-domain';
import { uniqueName } from '@rhythm/testing';
import { recognitionProjections } from './recognition-projections';
import { RecognitionReadModels, WallsRepository } from './recognition-read-models';
import { wallsStorage } from './walls.projection';
import { membershipSpans, type Span } from './testing/membership-spans';
import { appendTo } from './testing/recognised-events';

const squad = (id: string): Unit => ({ kind: 'squad', id });
const chapter = (id: string): Unit => ({ kind: 'chapter', id });
const tribe = (id: string): Unit => ({ kind: 'tribe', id });
const objectiveId = '5a0c1f0e-8d1c-4b0a-9a39-5d1a9e0f3c11';
const keyResultId = '9b7e3d2a-1f4c-4e8b-a6d5-3c2b1a0f9e88';

// The Customer Experience tribe: bob and cleo in Support; carl in the customer-service chapter,
// in Billing until 1 March, then in Support; dana in Billing until 5 March, then in Design.
const spans: Span[] = [
  { member: 'bob', unit: squad('support'), from: '2026-01-01' },
  { member: 'bob', unit: chapter('cs'), from: '2026-01-01' },
  { member: 'bob', unit: tribe('cx'), from: '2026-01-01' },
  { member: 'cleo', unit: squad('support'), from: '2026-01-01' },
  { member: 'cleo', unit: tribe('cx'), from: '2026-01-01' },
  { member: 'carl', unit: squad('billing'), from: '2026-01-01', until: '2026-03-01' },
  { member: 'carl', unit: squad('support'), from: '2026-03-01' },
  { member: 'carl', unit: chapter('cs'), from: '2026-01-01' },
  { member: 'carl', unit: tribe('cx'), from: '2026-01-01' },
  { member: 'dana', unit: squad('billing'), from: '2026-01-01', until: '2026-03-05' },
  { member: 'dana', unit: squad('design'), from: '2026-03-05' },
  { member: 'dana', unit: tribe('cx'), from: '2026-01-01' },
  { member: 'squad:support', unit: tribe('cx'), from: '2026-01-01' },
  { member: 'squad:billing', unit: tribe('cx'), from: '2026-01-01' },
  { member: 'squad:design', unit: tribe('cx'), from: '2026-01-01' },
  { member: 'chapter:cs', unit: tribe('cx'), from: '2026-01-01' },
];
// A second organisation's people for the random check: p0…p19 in four squads, p0…p4 moving.
for (let i = 0; i < 20; i++) {
  spans.push({
    member: `p${i}`,
    unit: squad(`r${i % 4}`),
    from: '2026-01-01',
    ...(i < 5 ? { until: '2026-04-01' } : {}),
  });
  if (i < 5) spans.push({ member: `p${i}`, unit: squad(`r${(i + 1) % 4}`), from: '2026-04-01' });
  spans.push({ member: `p${i}`, unit: tribe(`rt${i % 2}`), from: '2026-01-01' });
}
const history = membershipSpans(spans);
const projections = recognitionProjections(history);

let seed = 20260312;
/** A number in [0, 1) from a fixed seed: the random checks repeat. */
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

/** `count` instants spread at random over [from, until). */
const randomInstants = (count: number, from: string, until: string): string[] => {
  const start = Date.parse(from);
  const span = Date.parse(until) - start;
  return Array.from({ length: count }, () =>
    new Date(start + Math.floor(next() * span)).toISOString(),
  );
};

describe('recognition read models on FerretDB, fed from the PostgreSQL event store', () => {
  const tenantId = uniqueName('acme');
  const tenant = TenantId.of(tenantId);
  let sandbox: ReadModelSandbox;
  let readModels: RecognitionReadModels;
  const append = appendTo(() => sandbox.store, tenantId);

  const give = (
    kudosId: string,
    giverId: string,
    to: { personIds: string[]; unit?: Unit },
    givenAt: string,
    extra: { audience?: 'public' | 'private'; tied?: boolean } = {},
  ) =>
    append(
      recognitionStreams.kudos(tenantId, kudosId),
      {
        type: 'KudosGiven',
        data: {
          kudosId,
          giverId,
          to,
          message: `Thanks (${kudosId})`,
          values: ['customer-first'],
          ...(extra.tied ? { about: { kind: 'key-result', objectiveId, keyResultId } } : {}),
          audience: extra.audience ?? 'public',
          givenAt,
        },
      },
      giverId,
      givenAt,
    );

  beforeAll(async () => {
    sandbox = await ReadModelSandbox.open('recognition_rm');
    readModels = new RecognitionReadModels(sandbox.connection);
    await give('k1', 'carl', { personIds: ['bob'] }, '2026-02-10T10:00:00.000Z', { tied: true });
    await give('k5', 'carl', { personIds: ['dana'] }, '2026-02-20T10:00:00.000Z');
    await give('k2', 'carl', { personIds: ['bob', 'cleo'] }, '2026-03-10T10:00:00.000Z');
    const k2 = recognitionStreams.kudos(tenantId, 'k2');
    const react = (type: 'KudosReactionAdded' | 'KudosReactionRemoved', who: string, at: string) =>
      append(
        k2,
        type === 'KudosReactionAdded'
          ? { type, data: { kudosId: 'k2', reaction: 'heart', addedBy: who, addedAt: at } }
          : { type, data: { kudosId: 'k2', reaction: 'heart', removedBy: who, removedAt: at } },
        who,
        at,
      );
    await react('KudosReactionAdded', 'ann', '2026-03-10T11:00:00.000Z');
    await react('KudosReactionAdded', 'cleo', '2026-03-10T11:05:00.000Z');
    await react('KudosReactionRemoved', 'cleo', '2026-03-10T11:06:00.000Z');
    await append(
      k2,
      {
        type: 'KudosCommented',
        data: {
          kudosId: 'k2',
          commentId: 'c1',
          authorId: 'bob',
          text: 'Team effort!',
          commentedAt: '2026-03-10T12:00:00.000Z',
        },
      },
      'bob',
      '2026-03-10T12:00:00.000Z',
    );
    await give(
      'k3',
      'dana',
      { personIds: [], unit: squad('support') },
      '2026-03-12T10:00:00.000Z',
      {
        tied: true,
      },
    );
    await give('k4', 'bob', { personIds: ['dana'] }, '2026-03-13T10:00:00.000Z', {
      audience: 'private',
    });
    await give('k6', 'cleo', { personIds: ['carl'] }, '2026-03-13T11:00:00.000Z');
    await append(
      recognitionStreams.kudos(tenantId, 'k6'),
      {
        type: 'KudosWithdrawn',
        data: { kudosId: 'k6', withdrawnBy: 'cleo', withdrawnAt: '2026-03-14T10:00:00.000Z' },
      },
      'cleo',
      '2026-03-14T10:00:00.000Z',
    );
    await append(
      recognitionStreams.celebration(tenantId, `kr:2026-q1:${keyResultId}`),
      {
        type: 'AchievementCelebrated',
        data: {
          achievementKey: `kr:2026-q1:${keyResultId}`,
          achievement: {
            kind: 'key-result-achieved',
            cycleId: '2026-q1',
            objectiveId,
            keyResultId,
            value: 40,
            target: 40,
          },
          owner: { kind: 'unit', unit: squad('support'), tribeId: 'cx' },
          walls: [squad('support'), tribe('cx')],
          visibility: 'private',
          objectiveTitle: 'Customers love us',
          keyResultTitle: 'NPS to 40',
          celebratedAt: '2026-03-12T12:00:00.000Z',
        },
      },
      'system:recognition-celebrations',
      '2026-03-12T12:00:00.000Z',
    );
    const story = async (storyId: string, withdraw: boolean) => {
      const stream = recognitionStreams.story(tenantId, storyId);
      const told = {
        storyId,
        kind: 'success',
        about: { kind: 'key-result', objectiveId, keyResultId },
        unit: squad('support'),
        authorId: 'ann',
        helpedBy: { personIds: ['bob', 'cleo'], units: [] },
      } as const;
      await append(
        stream,
        {
          type: 'StoryDrafted',
          data: {
            ...told,
            draftedBy: 'ann',
            title: 'How we reached an NPS of 40',
            whatWasDone: 'Called every detractor',
            whatWasLearned: 'Listen first',
            draftedAt: '2026-03-13T09:00:00.000Z',
          },
        },
        'ann',
        '2026-03-13T09:00:00.000Z',
      );
      await append(
        stream,
        {
          type: 'StoryPublished',
          data: { ...told, publishedBy: 'ann', publishedAt: '2026-03-14T09:00:00.000Z' },
        },
        'ann',
        '2026-03-14T09:00:00.000Z',
      );
      if (!withdraw) return;
      await append(
        stream,
        {
          type: 'StoryWithdrawn',
          data: {
            storyId,
            withdrawnBy: 'ann',
            reason: 'Posted twice',
            withdrawnAt: '2026-03-14T09:30:00.000Z',
          },
        },
        'ann',
        '2026-03-14T09:30:00.000Z',
      );
    };
    await story('s1', false);
    await story('s2', true);
    await sandbox.runToHead(projections);
  }, 300_000);

  afterAll(async () => {
    await sandbox.dispose();
  });

  const wall = async (name: string) =>
    (await readModels.walls.page(tenant, name, undefined, 50)).map(
      (entry) => `${entry.item}:${entry.itemId}`,
    );

  it('keeps a kudos with its reactions by kind and person and its comments; a withdrawn one is gone', async () => {
    const k2 = await readModels.kudos.findById(tenant, 'k2');
    expect(k2).toMatchObject({
      giverId: 'carl',
      receiverIds: ['bob', 'cleo'],
      reactions: { heart: { ann: true } },
      comments: [{ commentId: 'c1', authorId: 'bob', text: 'Team effort!' }],
    });
    expect(await readModels.kudos.findById(tenant, 'k6')).toBeNull();
    const received = await readModels.kudos.ofPerson(tenant, 'received', 'bob', undefined, 10);
    expect(received.map((k) => k.kudosId)).toEqual(['k2', 'k1']);
    const given = await readModels.kudos.ofPerson(tenant, 'given', 'carl', undefined, 2);
    expect(given.map((k) => k.kudosId)).toEqual(['k2', 'k5']);
    const next = await readModels.kudos.ofPerson(
      tenant,
      'given',
      'carl',
      { at: given[1].givenAt, id: given[1]._id },
      2,
    );
    expect(next.map((k) => k.kudosId)).toEqual(['k1']);
  });

  it('puts a public kudos on the walls of the receivers’ squads and chapters of that day', async () => {
    // dana was in Billing on 20 February: k5 stays on Billing's wall after she moved to Design.
    expect(await wall('squad:billing')).toEqual(['kudos:k5']);
    expect(await wall('squad:design')).toEqual([]);
    expect(await wall('chapter:cs')).toEqual(['kudos:k2', 'kudos:k1']);
    expect(await wall('squad:support')).toEqual([
      'story:s1',
      'celebration:kr:2026-q1:9b7e3d2a-1f4c-4e8b-a6d5-3c2b1a0f9e88',
      'kudos:k3',
      'kudos:k2',
      'kudos:k1',
    ]);
  });

  it('puts celebrations on their walls, published stories on their unit’s and its tribe’s; the feed has every public item', async () => {
    expect(await wall('tribe:cx')).toEqual([
      'story:s1',
      'celebration:kr:2026-q1:9b7e3d2a-1f4c-4e8b-a6d5-3c2b1a0f9e88',
    ]);
    // Not k4 (private), not k6 (withdrawn), not s2 (withdrawn).
    expect(await wall('organisation')).toEqual([
      'story:s1',
      'celebration:kr:2026-q1:9b7e3d2a-1f4c-4e8b-a6d5-3c2b1a0f9e88',
      'kudos:k3',
      'kudos:k2',
      'kudos:k5',
      'kudos:k1',
    ]);
    const entries = await readModels.walls.page(tenant, 'squad:support', undefined, 2);
    const rest = await readModels.walls.page(
      tenant,
      'squad:support',
      { at: entries[1].at, id: entries[1]._id },
      10,
    );
    expect(rest.map((entry) => entry.itemId)).toEqual(['k3', 'k2', 'k1']);
    expect(entries[1]).toMatchObject({ objectiveId });
  });

  it('keeps a story’s words and where it stands', async () => {
    expect(await readModels.stories.findById(tenant, 's2')).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: 'Posted twice',
      objectiveId,
    });
    expect(
      await readModels.celebrations.findById(tenant, `kr:2026-q1:${keyResultId}`),
    ).toMatchObject({ visibility: 'private', objectiveId, walls: [squad('support'), tribe('cx')] });
  });

  it('answers the flow as of any date and window as recognitionFlow does over the raw kudos', async () => {
    const raw: FlowKudos[] = (await readModels.flow.kudos(tenant)).map(
      ({ _id, tenantId: _t, hour: _h, ...kudos }) => kudos,
    );
    expect(raw).toHaveLength(6);
    // carl gave k1 from Billing and k2 from Support: the squads of those days.
    expect(raw.find((k) => k.kudosId === 'k1')?.giver.units).toContainEqual(squad('billing'));
    expect(raw.find((k) => k.kudosId === 'k2')?.giver.units).toContainEqual(squad('support'));
    const population: FlowPopulation = {
      personIds: ['bob', 'carl', 'cleo', 'dana', 'erik'],
      units: [squad('support'), squad('billing'), squad('design'), chapter('cs'), tribe('cx')],
    };
    const instants = [
      '2026-02-10T10:00:00.000Z',
      '2026-02-10T09:59:59.999Z',
      '2026-03-01T00:00:00.000Z',
      '2026-03-13T10:30:00.000Z',
      '2026-03-14T09:59:59.999Z',
      '2026-03-14T10:00:00.000Z',
      '2026-12-31T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
      // And random instants between the first kudos and the last withdrawal (seeded: repeatable).
      ...randomInstants(8, '2026-02-01T00:00:00.000Z', '2026-03-20T00:00:00.000Z'),
    ];
    for (const asOf of instants) {
      for (const from of [undefined, ...instants.filter((instant) => instant <= asOf)]) {
        const window = { asOf, ...(from === undefined ? {} : { from }) };
        const { totals } = await readModels.flow.totals(tenant, window);
        expect(flowOfTotals(totals, population, window)).toEqual(
          recognitionFlow(raw, population, window),
        );
      }
    }
    const march = recognitionFlow(raw, population, { asOf: '2026-03-13T12:00:00.000Z' });
    expect(march.matrix.squad).toContainEqual({ from: 'billing', to: 'support', kudos: 1 });
  });

  it('applies every event again, in order and backwards, and changes nothing', async () => {
    await sandbox.expectReplayChangesNothing(projections, tenantId);
  }, 120_000);

  it('rebuilds from zero into identical documents', async () => {
    await sandbox.expectRebuildIdentical(projections, tenantId);
  }, 120_000);
});

describe('the flow read model over 150 random kudos of another organisation', () => {
  const otherTenant = uniqueName('globex');
  const otherGivenAt: string[] = [];
  const otherWithdrawnAt: string[] = [];
  let sandbox: ReadModelSandbox;
  let readModels: RecognitionReadModels;

  beforeAll(async () => {
    sandbox = await ReadModelSandbox.open('recognition_flow');
    readModels = new RecognitionReadModels(sandbox.connection);
    // Another organisation: 150 kudos over half a year, often several in one hour, some withdrawn.
    const other = appendTo(() => sandbox.store, otherTenant);
    const hours = randomInstants(30, '2026-01-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z');
    for (let k = 0; k < 150; k++) {
      const hour = hours[Math.floor(next() * hours.length)];
      const givenAt = new Date(Date.parse(hour) + Math.floor(next() * 3_600_000)).toISOString();
      otherGivenAt.push(givenAt);
      const giverId = `p${Math.floor(next() * 20)}`;
      const receiverId = `p${(Number(giverId.slice(1)) + 1 + Math.floor(next() * 19)) % 20}`;
      const kudosId = `r${k}`;
      await other(
        recognitionStreams.kudos(otherTenant, kudosId),
        {
          type: 'KudosGiven',
          data: {
            kudosId,
            giverId,
            to: { personIds: [receiverId], ...(k % 7 === 0 ? { unit: squad('r2') } : {}) },
            message: 'Thanks',
            values: [],
            ...(k % 3 === 0 ? { about: { kind: 'objective', objectiveId } } : {}),
            audience: k % 10 === 0 ? 'private' : 'public',
            givenAt,
          },
        },
        giverId,
        givenAt,
      );
      if (k % 9 === 0) {
        const withdrawnAt = new Date(
          Date.parse(givenAt) + Math.floor(next() * 40 * 86_400_000),
        ).toISOString();
        otherWithdrawnAt.push(withdrawnAt);
        await other(
          recognitionStreams.kudos(otherTenant, kudosId),
          { type: 'KudosWithdrawn', data: { kudosId, withdrawnBy: giverId, withdrawnAt } },
          giverId,
          withdrawnAt,
        );
      }
    }
    await sandbox.runToHead(projections);
  }, 300_000);

  afterAll(async () => {
    await sandbox.dispose();
  });

  it('answers 150 kudos over half a year as recognitionFlow does, at random instants and windows', async () => {
    const other = TenantId.of(otherTenant);
    const raw: FlowKudos[] = (await readModels.flow.kudos(other)).map(
      ({ _id, tenantId: _t, hour: _h, ...kudos }) => kudos,
    );
    expect(raw).toHaveLength(150);
    const population: FlowPopulation = { personIds: ['p0', 'p7', 'nobody'], units: [] };
    // Random instants, the instants of kudos and withdrawals themselves, and around them.
    const instants = [
      ...randomInstants(12, '2025-12-20T00:00:00.000Z', '2026-08-20T00:00:00.000Z'),
      ...[...otherGivenAt, ...otherWithdrawnAt].filter(() => next() < 0.06),
      ...otherGivenAt
        .filter(() => next() < 0.05)
        .map((at) => new Date(Date.parse(at) - 1).toISOString()),
    ];
    let windows = 0;
    for (const asOf of instants) {
      const froms = [undefined, ...instants.filter((at) => at <= asOf && next() < 0.1)];
      for (const from of froms) {
        const window = { asOf, ...(from === undefined ? {} : { from }) };
        const { totals } = await readModels.flow.totals(other, window);
        expect(flowOfTotals(totals, population, window)).toEqual(
          recognitionFlow(raw, population, window),
        );
        windows += 1;
      }
    }
    expect(windows).toBeGreaterThan(25);
  });

  it('pages a wall newest first, quiet days read whole or busy ones hour by hour, alike', async () => {
    const other = TenantId.of(otherTenant);
    const everyEntry = (await readModels.walls.find(other, { wall: 'organisation' })).filter(
      (entry) => entry.gone !== true,
    );
    const expected = everyEntry
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a._id < b._id ? -1 : 1))
      .map((entry) => entry._id);
    expect(expected.length).toBeGreaterThan(100);
    const hourByHour = new WallsRepository(
      new ReadModelCollections(sandbox.connection, wallsStorage),
      1,
    );
    for (const walls of [readModels.walls, hourByHour]) {
      const read: string[] = [];
      let after: { at: string; id: string } | undefined;
      for (;;) {
        const page = await walls.page(other, 'organisation', after, 7);
        read.push(...page.map((entry) => entry._id));
        if (page.length < 7) break;
        after = { at: page.at(-1)!.at, id: page.at(-1)!._id };
      }
      expect(read).toEqual(expected);
    }
  });

  it('rebuilds from zero into identical documents', async () => {
    await sandbox.expectRebuildIdentical(projections, otherTenant);
  }, 120_000);
});
