import { NotFound } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import type { DirectoryObjective } from '@rhythm/goals-directory';
import type { DirectoryPerson } from '@rhythm/org-directory';
import { ReadModelSandbox } from '@rhythm/projections/testing';
import { uniqueName } from '@rhythm/testing';
import { recognitionStreams, type Unit } from '../../recognition-domain';
import { recognitionProjections } from '../../read-models/recognition-projections';
import { RecognitionReadModels } from '../../read-models/recognition-read-models';
import { membershipSpans, type Span } from '../../read-models/testing/membership-spans';
import { appendTo } from '../../read-models/testing/recognised-events';
import { RecognitionFacts } from '../recognition-facts';
import type { GoalsKnowledge, OrgKnowledge } from '../recognition-directory.port';
import { RecognitionQueries } from './recognition.queries';

const squad = (id: string): Unit => ({ kind: 'squad', id });
const tribe = (id: string): Unit => ({ kind: 'tribe', id });
const privateObjective = '5a0c1f0e-8d1c-4b0a-9a39-5d1a9e0f3c11';
const npsKeyResult = '9b7e3d2a-1f4c-4e8b-a6d5-3c2b1a0f9e88';
const publicObjective = '7d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f50';
const kudosId = (n: number) => `0000000${n}-0000-4000-8000-000000000000`;
const storyId = 'a1b2c3d4-0000-4000-8000-000000000001';

// Support (ann leads; bob, cleo, and carl since 1 March) and Billing (dana; carl before) in the
// Customer Experience tribe; eve in Design.
const people: Record<string, Partial<DirectoryPerson>> = {
  ann: { name: 'Ann', squadId: 'support', leads: [squad('support')] },
  bob: { name: 'Bob', squadId: 'support' },
  cleo: { name: 'Cleo', squadId: 'support' },
  carl: { name: 'Carl', squadId: 'support' },
  dana: { name: 'Dana', squadId: 'billing' },
  eve: { name: 'Eve', squadId: 'design' },
};
const spans: Span[] = [
  ...['ann', 'bob', 'cleo'].map((member) => ({
    member,
    unit: squad('support'),
    from: '2026-01-01',
  })),
  { member: 'carl', unit: squad('billing'), from: '2026-01-01', until: '2026-03-01' },
  { member: 'carl', unit: squad('support'), from: '2026-03-01' },
  { member: 'dana', unit: squad('billing'), from: '2026-01-01' },
  { member: 'eve', unit: squad('design'), from: '2026-01-01' },
  ...['support', 'billing', 'design'].map((id) => ({
    member: `squad:${id}`,
    unit: tribe('cx'),
    from: '2026-01-01',
  })),
];

const person = (personId: string): DirectoryPerson | undefined =>
  people[personId] && {
    personId,
    name: personId,
    tribeIds: ['cx'],
    guildIds: [],
    leads: [],
    status: 'active',
    ...people[personId],
  };

const org: OrgKnowledge = {
  person: (_tenantId, personId) => Promise.resolve(person(personId)),
  people: (_tenantId, ids) =>
    Promise.resolve(new Map(ids.flatMap((id) => (person(id) ? [[id, person(id)!]] : [])))),
  unit: (_tenantId, unit) =>
    Promise.resolve(
      ['support', 'billing', 'design', 'cx'].includes(unit.id)
        ? {
            kind: unit.kind,
            id: unit.id,
            name: unit.id,
            ...(unit.kind === 'tribe' ? {} : { tribeId: 'cx' }),
            leadIds: unit.id === 'support' ? ['ann'] : [],
            memberIds: [],
            status: 'active',
          }
        : undefined,
    ),
  labelsOf: (_tenantId, owners) =>
    Promise.resolve(
      owners.flatMap((owner) =>
        person(owner.id)
          ? [{ kind: 'person' as const, id: owner.id, name: people[owner.id].name! }]
          : [],
      ),
    ),
};

const objective = (objectiveId: string, visibility: 'public' | 'private'): DirectoryObjective => ({
  objectiveId,
  cycleId: '2026-q1',
  title: visibility === 'private' ? 'Customers love us' : 'Ship the help centre',
  owner: squad('support'),
  visibility,
  status: 'active',
  contributorIds: [],
  followerGuildIds: [],
  keyResults: [
    {
      keyResultId: npsKeyResult,
      title: 'NPS to 40',
      ownerId: 'bob',
      ownedSince: '2026-01-01T00:00:00.000Z',
      dropped: false,
      achievedAt: '2026-03-12T12:00:00.000Z',
    },
  ],
  achievedAt: '2026-03-12T12:00:00.000Z',
});
const goals: GoalsKnowledge = {
  objective: (_tenantId, id) =>
    Promise.resolve(
      id === privateObjective
        ? objective(id, 'private')
        : id === publicObjective
          ? objective(id, 'public')
          : undefined,
    ),
  cycle: () => Promise.resolve(undefined),
};

describe('recognition queries: walls, feeds, items and the flow as each reader may see them', () => {
  const tenantId = uniqueName('acme');
  let sandbox: ReadModelSandbox;
  let queries: RecognitionQueries;
  const append = appendTo(() => sandbox.store, tenantId);
  const as = (personId: string, roles: string[] = []): AuthenticatedActor =>
    ({ tenantId, personId, roles }) as unknown as AuthenticatedActor;

  const give = (
    n: number,
    giverId: string,
    to: { personIds: string[]; unit?: Unit },
    givenAt: string,
    extra: { audience?: 'public' | 'private'; objectiveId?: string } = {},
  ) =>
    append(
      recognitionStreams.kudos(tenantId, kudosId(n)),
      {
        type: 'KudosGiven',
        data: {
          kudosId: kudosId(n),
          giverId,
          to,
          message: `Thank you (${n})`,
          values: [],
          ...(extra.objectiveId
            ? {
                about: {
                  kind: 'key-result',
                  objectiveId: extra.objectiveId,
                  keyResultId: npsKeyResult,
                },
              }
            : {}),
          audience: extra.audience ?? 'public',
          givenAt,
        },
      },
      giverId,
      givenAt,
    );

  beforeAll(async () => {
    sandbox = await ReadModelSandbox.open('recognition_q');
    const readModels = new RecognitionReadModels(sandbox.connection);
    const facts = new RecognitionFacts(org, goals, sandbox.store, {
      RECOGNITION_DIRECTORY_WAIT_MS: 0,
    });
    queries = new RecognitionQueries(readModels, facts, org, goals, {
      now: () => new Date('2026-03-20T00:00:00.000Z'),
    });
    // 1: carl (still in Billing) thanks bob; 2: dana thanks Support for the private NPS key
    // result; 3: bob thanks cleo privately; 4: eve thanks cleo, tied to the public objective.
    await give(1, 'carl', { personIds: ['bob'] }, '2026-02-10T10:00:00.000Z');
    await give(2, 'dana', { personIds: [], unit: squad('support') }, '2026-03-12T13:00:00.000Z', {
      objectiveId: privateObjective,
    });
    await give(3, 'bob', { personIds: ['cleo'] }, '2026-03-12T14:00:00.000Z', {
      audience: 'private',
    });
    await give(4, 'eve', { personIds: ['cleo'] }, '2026-03-12T15:00:00.000Z', {
      objectiveId: publicObjective,
    });
    const key = `kr:2026-q1:${npsKeyResult}`;
    await append(
      recognitionStreams.celebration(tenantId, key),
      {
        type: 'AchievementCelebrated',
        data: {
          achievementKey: key,
          achievement: {
            kind: 'key-result-achieved',
            cycleId: '2026-q1',
            objectiveId: privateObjective,
            keyResultId: npsKeyResult,
            value: 41,
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
    const told = {
      storyId,
      kind: 'success',
      about: { kind: 'key-result', objectiveId: privateObjective, keyResultId: npsKeyResult },
      unit: squad('support'),
      authorId: 'ann',
      helpedBy: { personIds: ['bob', 'cleo'], units: [] },
    } as const;
    await append(
      recognitionStreams.story(tenantId, storyId),
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
      recognitionStreams.story(tenantId, storyId),
      {
        type: 'StoryPublished',
        data: { ...told, publishedBy: 'ann', publishedAt: '2026-03-14T09:00:00.000Z' },
      },
      'ann',
      '2026-03-14T09:00:00.000Z',
    );
    await sandbox.runToHead(recognitionProjections(membershipSpans(spans)));
  });

  afterAll(async () => {
    await sandbox.dispose();
  });

  const items = (page: { items: readonly { item: string; at: string }[] }) =>
    page.items.map((entry) => `${entry.item}@${entry.at.slice(5, 16)}`);
  const page = { limit: 20 };

  it("shows the Support wall's celebration, kudos and story to a member, in the reader's language", async () => {
    const wall = await queries.wall(as('bob'), squad('support'), page, 'nl-NL,nl;q=0.9');
    expect(items(wall)).toEqual([
      'story@03-14T09:00',
      'kudos@03-12T15:00',
      'kudos@03-12T13:00',
      'celebration@03-12T12:00',
      'kudos@02-10T10:00',
    ]);
    const celebration = wall.items.find((entry) => entry.item === 'celebration');
    expect(celebration).toMatchObject({
      celebration: {
        text: 'Key result “NPS to 40” van “Customers love us” heeft zijn doel bereikt: 41 van 40.',
      },
    });
    const feed = await queries.feed(as('bob'), page, 'en');
    expect(items(feed)).toEqual([
      'story@03-14T09:00',
      'kudos@03-12T15:00',
      'kudos@03-12T13:00',
      'celebration@03-12T12:00',
      'kudos@02-10T10:00',
    ]);
  });

  it('hides a private objective’s celebration, story and tied kudos from a member of another squad', async () => {
    const wall = await queries.wall(as('eve'), squad('support'), page);
    expect(items(wall)).toEqual(['kudos@03-12T15:00', 'kudos@02-10T10:00']);
    const feed = await queries.feed(as('eve'), page);
    expect(items(feed)).toEqual(['kudos@03-12T15:00', 'kudos@02-10T10:00']);
    // A direct read answers exactly as an unknown id.
    const hidden = await queries.story(as('eve'), storyId).catch((error: unknown) => error);
    const unknown = await queries
      .story(as('eve'), 'a1b2c3d4-0000-4000-8000-00000000ffff')
      .catch((error: unknown) => error);
    expect(hidden).toBeInstanceOf(NotFound);
    expect((hidden as NotFound).message).toBe(
      (unknown as NotFound).message.replace('00000000ffff', '000000000001'),
    );
    await expect(queries.kudos(as('eve'), kudosId(2))).rejects.toThrow(
      `Kudos ${kudosId(2)} not found`,
    );
    await expect(
      queries.celebration(as('eve'), `kr:2026-q1:${npsKeyResult}`),
    ).rejects.toBeInstanceOf(NotFound);
    expect(await queries.story(as('bob'), storyId)).toMatchObject({ status: 'published' });
  });

  it('fills a page past hidden items, and the next page starts where it ended', async () => {
    const first = await queries.feed(as('eve'), { limit: 1 });
    expect(items(first)).toEqual(['kudos@03-12T15:00']);
    expect(first.next).toBeDefined();
    const second = await queries.feed(as('eve'), { limit: 1, cursor: first.next! });
    expect(items(second)).toEqual(['kudos@02-10T10:00']);
    expect(second.next).toBeUndefined();
  });

  it('shows a private kudos to its giver, its receiver and their lead only', async () => {
    const received = async (reader: string) =>
      (await queries.kudosOf(as(reader), 'cleo', 'received', page)).kudos.map((k) => k.kudosId);
    expect(await received('cleo')).toEqual([kudosId(4), kudosId(3)]);
    expect(await received('bob')).toEqual([kudosId(4), kudosId(3)]);
    expect(await received('ann')).toEqual([kudosId(4), kudosId(3)]);
    expect(await received('eve')).toEqual([kudosId(4)]);
    await expect(queries.kudos(as('eve'), kudosId(3))).rejects.toThrow(
      `Kudos ${kudosId(3)} not found`,
    );
    const mine = await queries.kudosOf(as('carl'), 'me', 'given', page);
    expect(mine.kudos.map((k) => k.kudosId)).toEqual([kudosId(1)]);
  });

  it('answers an unknown unit or person as not found', async () => {
    await expect(queries.wall(as('bob'), squad('nowhere'), page)).rejects.toThrow(
      'Squad nowhere not found',
    );
    await expect(queries.kudosOf(as('bob'), 'nobody', 'received', page)).rejects.toBeInstanceOf(
      NotFound,
    );
  });

  it('counts a kudos given before a person changed squad under the old squad', async () => {
    const flow = await queries.flow(as('eve'), {});
    expect(flow.asOf).toBe('2026-03-20T00:00:00.000Z');
    expect(flow.matrix.squad).toContainEqual({ from: 'billing', to: 'support', kudos: 2 });
    expect(flow.kudos).toBe(4);
    expect(flow.okrShare).toBeCloseTo(0.5);
    const february = await queries.flow(as('eve'), { asOf: '2026-02-28T00:00:00Z' });
    expect(february.matrix.squad).toEqual([{ from: 'billing', to: 'support', kudos: 1 }]);
    const march = await queries.flow(as('eve'), { from: '2026-03-01T00:00:00Z' });
    expect(march.kudos).toBe(3);
  });
});
