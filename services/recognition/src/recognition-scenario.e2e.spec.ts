import { OrgHistory } from '@rhythm/org-directory/testing';
import { expectEventually, readTopic, uniqueName } from '@rhythm/testing';
import {
  customerExperiencePeople,
  ok,
  plantCustomerExperience,
  type Body,
  type CustomerExperience,
  type GoalRef,
} from './testing/customer-experience';
import {
  startRecognitionWorld,
  type HttpClient,
  type RecognitionWorld,
} from './testing/recognition-world';

const slow = { timeoutMs: 60_000, intervalMs: 250 };
const unknownId = '0b9d1c8e-3f0a-4c7e-9d51-6a2f00000000';

/** A 404 as a client reads it: the id it names made neutral, no correlation id. */
const notFound = (body: Body, id: string): Body => {
  const { correlationId: _correlationId, ...rest } = body;
  return { ...rest, message: String(body.message).split(id).join('<id>') };
};

type WallItem = Readonly<{ item: string; at: string } & Body>;

const wallItems = async (client: HttpClient, path: string, language?: string) => {
  const call = client.get(path);
  const page = await ok(language === undefined ? call : call.set('Accept-Language', language));
  return page.items as WallItem[];
};

const celebrationsOf = (items: readonly WallItem[], achievementKey: string): Body[] =>
  items.flatMap((entry) =>
    entry.item === 'celebration' && (entry.celebration as Body).achievementKey === achievementKey
      ? [entry.celebration as Body]
      : [],
  );

const idsOf = (items: readonly WallItem[], item: 'kudos' | 'story', field: string): string[] =>
  items.flatMap((entry) => (entry.item === item ? [String((entry[item] as Body)[field])] : []));

/** The recognition topic's celebrations of one achievement, as any consumer reads them. */
const publishedCelebrations = async (topic: string, achievementKey: string) =>
  (await readTopic(topic))
    .map((message) => JSON.parse(message.value) as Body)
    .filter(
      (event) =>
        event.type === 'recognition.achievement-celebrated' &&
        (event.data as Body).achievementKey === achievementKey,
    );

// One world for both parts: starting goals and checkins is what takes time.
let world: RecognitionWorld;

beforeAll(async () => {
  world = await startRecognitionWorld();
}, 120_000);

afterAll(() => world?.dispose(), 60_000);

/**
 * Issue 10's scripted scenario, through the three services' APIs as a new user would drive it:
 * the Support squad's NPS key result reaches its target through check-ins (checkins → goals →
 * recognition) and is celebrated once on the Support wall and the Customer Experience tribe's,
 * in English and Dutch, also after recognition reads the topics again from the start; a chapter
 * member thanks the Support squad for the key result; the product owner publishes a success story
 * naming two people; a private objective's celebration, kudos and story stay invisible to another
 * squad's member; the flow counts a kudos given before its giver changed squad under the old
 * squad, now and as of a past date, also once the read side is rebuilt from zero. Recognition
 * runs in-process, goals and checkins as their real processes, on the local stack's servers.
 */
describe('recognition in the Customer Experience tribe', () => {
  let cx: CustomerExperience;
  const people = customerExperiencePeople;
  let nps: GoalRef;
  let secret: GoalRef;
  let npsKey: string;
  let secretKey: string;
  const of = (personId: string) => cx.recognitionOf(personId);
  const checkIn = (ref: GoalRef, value: number) =>
    ok(
      cx
        .checkinsOf(people.owner)
        .post(`/objectives/${ref.objectiveId}/key-results/${ref.keyResultId}/check-ins`, {
          value,
          confidence: 7,
        }),
      201,
    );
  /** The goals service shows the value: it has folded the check-in (and decided achievements). */
  const goalsShows = (ref: GoalRef, value: number) =>
    expectEventually(async () => {
      const objective = await ok(
        cx.goalsOf(people.productOwner).get(`/objectives/${ref.objectiveId}`),
      );
      expect(objective.keyResults).toEqual([expect.objectContaining({ current: value })]);
    }, slow);

  beforeAll(async () => {
    cx = await plantCustomerExperience(world);
    nps = await cx.objective('Customers love our support', 'public');
    secret = await cx.objective('Quietly fix the refund backlog', 'private');
    npsKey = `kr:${cx.cycleId}:${nps.keyResultId}`;
    secretKey = `kr:${cx.cycleId}:${secret.keyResultId}`;
  }, 240_000);

  it('celebrates the NPS key result once on the Support wall, the tribe’s and the feed, when check-ins reach its target', async () => {
    await checkIn(nps, 42);
    await checkIn(nps, 51);
    await goalsShows(nps, 51);
    // It falls back under its target and reaches it again: the same achievement of the cycle.
    await checkIn(nps, 47);
    await checkIn(nps, 53);
    await goalsShows(nps, 53);
    const pia = of(people.productOwner);
    await expectEventually(async () => {
      for (const path of ['/units/squad/support/wall', '/units/tribe/cx/wall', '/feed']) {
        const celebrations = celebrationsOf(await wallItems(pia, path), npsKey);
        expect({ path, celebrations }).toEqual({
          path,
          celebrations: [
            expect.objectContaining({
              achievementKey: npsKey,
              visibility: 'public',
              walls: [
                { kind: 'squad', id: 'support' },
                { kind: 'tribe', id: 'cx' },
              ],
              text: 'Key result “NPS” of “Customers love our support” reached its target: 51 of 50.',
            }),
          ],
        });
        // Its only key result achieved, the objective is too: celebrated once as well.
        const objective = `objective:${cx.cycleId}:${nps.objectiveId}`;
        expect(celebrationsOf(await wallItems(pia, path), objective)).toEqual([
          expect.objectContaining({
            text: 'Objective “Customers love our support” is achieved: every key result reached its target.',
          }),
        ]);
      }
    }, slow);
    // Another squad's member sees a public celebration too, in Dutch when asked.
    const dutch = celebrationsOf(
      await wallItems(
        of(people.otherMember),
        '/units/squad/support/wall',
        'nl-NL,nl;q=0.9,en;q=0.5',
      ),
      npsKey,
    );
    expect(dutch.map((celebration) => celebration.text)).toEqual([
      'Key result “NPS” van “Customers love our support” heeft zijn doel bereikt: 51 van 50.',
    ]);
    const one = await ok(
      of(people.otherMember).get(`/celebrations/${npsKey}`).set('Accept-Language', 'nl'),
    );
    expect(one.text).toBe(dutch[0].text);
    await expectEventually(async () => {
      expect(await publishedCelebrations(world.topics.recognition, npsKey)).toHaveLength(1);
    }, slow);
  });

  it('still celebrates it once after recognition reads the goals topic again from the start', async () => {
    const before = celebrationsOf(
      await wallItems(of(people.productOwner), '/units/squad/support/wall'),
      npsKey,
    );
    // A consumer group and an inbox never used: every goals event reaches the celebrations again.
    await world.replayTopics();
    await world.untilConsumed(world.topics.goals);
    // Whatever the replay appended is on the recognition topic once a later event is.
    const marker = await ok(
      of(people.productOwner).post('/kudos', {
        to: { personIds: [people.owner] },
        message: 'Marks the end of the replay',
        audience: 'private',
      }),
      201,
    );
    await expectEventually(async () => {
      const kudos = (await readTopic(world.topics.recognition)).filter((message) =>
        message.value.includes(String(marker.id)),
      );
      expect(kudos.length).toBeGreaterThan(0);
    }, slow);
    expect(await publishedCelebrations(world.topics.recognition, npsKey)).toHaveLength(1);
    const pia = of(people.productOwner);
    for (const path of ['/units/squad/support/wall', '/units/tribe/cx/wall', '/feed']) {
      expect({ path, celebrations: celebrationsOf(await wallItems(pia, path), npsKey) }).toEqual({
        path,
        celebrations: before,
      });
    }
  });

  let thanks: string;

  it('shows a chapter member’s kudos to the Support squad for the key result on its wall and the feed, with a reaction and a comment', async () => {
    const cora = of(people.chapterMember);
    // Recognition's directory may still be folding the objective: 404 until it knows it.
    const { id } = await expectEventually(
      () =>
        ok(
          cora.post('/kudos', {
            to: { personIds: [], unit: { kind: 'squad', id: 'support' } },
            message: 'NPS above 50: the whole tribe hears about it. Thank you, Support!',
            about: {
              kind: 'key-result',
              objectiveId: nps.objectiveId,
              keyResultId: nps.keyResultId,
            },
            audience: 'public',
          }),
          201,
        ),
      slow,
    );
    thanks = String(id);
    await ok(of(people.owner).post(`/kudos/${thanks}/reactions`, { reaction: 'applause' }));
    const { commentId } = await ok(
      of(people.productOwner).post(`/kudos/${thanks}/comments`, {
        text: 'Thanks Cora, we will keep it up',
      }),
      201,
    );
    await expectEventually(async () => {
      for (const path of ['/units/squad/support/wall', '/feed']) {
        const items = await wallItems(of(people.otherMember), path);
        expect({ path, kudos: idsOf(items, 'kudos', 'kudosId') }).toEqual({
          path,
          kudos: expect.arrayContaining([thanks]),
        });
      }
      const kudos = await ok(of(people.otherMember).get(`/kudos/${thanks}`));
      expect(kudos).toMatchObject({
        giverId: people.chapterMember,
        unit: { kind: 'squad', id: 'support' },
        about: { kind: 'key-result', keyResultId: nps.keyResultId },
        reactions: { applause: { count: 1, by: [people.owner] } },
        comments: [expect.objectContaining({ commentId, authorId: people.productOwner })],
      });
    }, slow);
    // Newest first: the kudos came after the celebration.
    const wall = await wallItems(of(people.productOwner), '/units/squad/support/wall');
    const order = wall.map((entry) =>
      entry.item === 'kudos'
        ? (entry.kudos as Body).kudosId
        : (entry.celebration as Body | undefined)?.achievementKey,
    );
    expect(order.indexOf(thanks)).toBeLessThan(order.indexOf(npsKey));
  });

  let story: string;

  it('lets the product owner publish a success story naming two people, which another member drafted', async () => {
    const { id } = await ok(
      of(people.owner).post('/stories', {
        about: { kind: 'key-result', objectiveId: nps.objectiveId, keyResultId: nps.keyResultId },
        title: 'How Support raised NPS above 50',
        whatWasDone: 'We answered every detractor within a day.',
        whatWasLearned: 'First reply time drives NPS.',
        helpedBy: { personIds: [people.mover, people.chapterMember], units: [] },
      }),
      201,
    );
    story = String(id);
    // A draft is its author's and its publishers': another squad's member does not see it.
    const hidden = await of(people.otherMember).get(`/stories/${story}`);
    const unknown = await of(people.otherMember).get(`/stories/${unknownId}`);
    expect([hidden.status, unknown.status]).toEqual([404, 404]);
    expect(notFound(hidden.body as Body, story)).toEqual(notFound(unknown.body as Body, unknownId));
    // Its author is no lead: 403.
    const byAuthor = await of(people.owner).post(`/stories/${story}/publish`);
    expect({ status: byAuthor.status, error: (byAuthor.body as Body).error }).toEqual({
      status: 403,
      error: 'forbidden',
    });
    await ok(of(people.productOwner).post(`/stories/${story}/publish`));
    await expectEventually(async () => {
      for (const path of ['/units/squad/support/wall', '/units/tribe/cx/wall', '/feed']) {
        const items = await wallItems(of(people.otherMember), path);
        expect({ path, stories: idsOf(items, 'story', 'storyId') }).toEqual({
          path,
          stories: [story],
        });
      }
      const published = await ok(of(people.otherMember).get(`/stories/${story}`));
      expect(published).toMatchObject({
        status: 'published',
        publishedBy: people.productOwner,
        draftedBy: people.owner,
        helpedBy: { personIds: [people.mover, people.chapterMember], units: [] },
        unit: { kind: 'squad', id: 'support' },
      });
    }, slow);
  });

  it('keeps a private objective’s celebration, kudos and story from another squad’s member, as unknown ids', async () => {
    await checkIn(secret, 55);
    const sam = of(people.owner);
    const pia = of(people.productOwner);
    await expectEventually(async () => {
      expect(celebrationsOf(await wallItems(pia, '/units/squad/support/wall'), secretKey)).toEqual([
        expect.objectContaining({ visibility: 'private' }),
      ]);
    }, slow);
    const { id: kudosId } = await expectEventually(
      () =>
        ok(
          sam.post('/kudos', {
            to: { personIds: [people.mover] },
            message: 'The refund backlog is gone, thanks to you',
            about: {
              kind: 'key-result',
              objectiveId: secret.objectiveId,
              keyResultId: secret.keyResultId,
            },
            audience: 'public',
          }),
          201,
        ),
      slow,
    );
    const { id: storyId } = await ok(
      of(people.mover).post('/stories', {
        about: { kind: 'objective', objectiveId: secret.objectiveId },
        title: 'The refund backlog, quietly',
        whatWasDone: 'One refund a day, every day.',
        helpedBy: { personIds: [people.owner], units: [] },
      }),
      201,
    );
    await ok(pia.post(`/stories/${String(storyId)}/publish`));
    const kudos = String(kudosId);
    const tale = String(storyId);
    // Those who may see the objective see all three.
    await expectEventually(async () => {
      const items = await wallItems(sam, '/units/squad/support/wall');
      expect(celebrationsOf(items, secretKey)).toHaveLength(1);
      expect(idsOf(items, 'kudos', 'kudosId')).toContain(kudos);
      expect(idsOf(items, 'story', 'storyId')).toContain(tale);
      const feed = await wallItems(sam, '/feed');
      expect(idsOf(feed, 'story', 'storyId')).toContain(tale);
      const received = await ok(sam.get(`/people/${people.mover}/kudos/received`));
      expect((received.kudos as Body[]).map((one) => one.kudosId)).toContain(kudos);
    }, slow);
    // Another squad's member: none of it, anywhere.
    const bill = of(people.otherMember);
    for (const path of ['/units/squad/support/wall', '/units/tribe/cx/wall', '/feed']) {
      const items = await wallItems(bill, path);
      expect({ path, celebrations: celebrationsOf(items, secretKey) }).toEqual({
        path,
        celebrations: [],
      });
      expect(idsOf(items, 'kudos', 'kudosId')).not.toContain(kudos);
      expect(idsOf(items, 'story', 'storyId')).not.toContain(tale);
      // What they may see is still there: the public objective's.
      expect(celebrationsOf(items, npsKey)).toHaveLength(1);
    }
    const received = await ok(bill.get(`/people/${people.mover}/kudos/received`));
    expect((received.kudos as Body[]).map((one) => one.kudosId)).not.toContain(kudos);
    const given = await ok(bill.get(`/people/${people.owner}/kudos/given`));
    expect((given.kudos as Body[]).map((one) => one.kudosId)).not.toContain(kudos);
    // A direct read or a command answers as for an id that does not exist, word for word.
    const reads: [string, string, string][] = [
      [`/kudos/${kudos}`, `/kudos/${unknownId}`, kudos],
      [`/stories/${tale}`, `/stories/${unknownId}`, tale],
      [
        `/celebrations/${secretKey}`,
        `/celebrations/kr:${cx.cycleId}:${unknownId}`,
        secret.keyResultId,
      ],
    ];
    for (const [hiddenPath, unknownPath, id] of reads) {
      const [hidden, unknown] = await Promise.all([bill.get(hiddenPath), bill.get(unknownPath)]);
      expect({ hiddenPath, status: hidden.status }).toEqual({ hiddenPath, status: 404 });
      expect(unknown.status).toBe(404);
      expect(notFound(hidden.body as Body, id)).toEqual(notFound(unknown.body as Body, unknownId));
    }
    const commands: [string, object | undefined][] = [
      ['/kudos/{kudos}/reactions', { reaction: 'heart' }],
      ['/kudos/{kudos}/comments', { text: 'Nice' }],
      ['/kudos/{kudos}/withdraw', undefined],
      ['/stories/{story}/withdraw', { reason: 'Not ours to tell' }],
      ['/stories/{story}/publish', undefined],
    ];
    for (const [template, body] of commands) {
      const hiddenPath = template.replace('{kudos}', kudos).replace('{story}', tale);
      const unknownPath = template.replace('{kudos}', unknownId).replace('{story}', unknownId);
      const [hidden, unknown] = await Promise.all([
        bill.post(hiddenPath, body),
        bill.post(unknownPath, body),
      ]);
      const hiddenId = hiddenPath.includes(kudos) ? kudos : tale;
      expect({ hiddenPath, status: hidden.status }).toEqual({ hiddenPath, status: 404 });
      expect(notFound(hidden.body as Body, hiddenId)).toEqual(
        notFound(unknown.body as Body, unknownId),
      );
    }
  });

  it('keeps a private kudos for its giver, its receiver and their lead', async () => {
    const { id } = await ok(
      of(people.owner).post('/kudos', {
        to: { personIds: [people.mover] },
        message: 'Thanks for covering my shift',
        audience: 'private',
      }),
      201,
    );
    const kudos = String(id);
    await expectEventually(async () => {
      for (const personId of [people.owner, people.mover, people.productOwner]) {
        const response = await of(personId).get(`/kudos/${kudos}`);
        expect({ personId, status: response.status }).toEqual({ personId, status: 200 });
      }
    }, slow);
    const [hidden, unknown] = await Promise.all([
      of(people.otherMember).get(`/kudos/${kudos}`),
      of(people.otherMember).get(`/kudos/${unknownId}`),
    ]);
    expect([hidden.status, unknown.status]).toEqual([404, 404]);
    expect(notFound(hidden.body as Body, kudos)).toEqual(notFound(unknown.body as Body, unknownId));
    const feed = await wallItems(of(people.productOwner), '/feed');
    expect(idsOf(feed, 'kudos', 'kudosId')).not.toContain(kudos);
  });

  it('counts a kudos given before its giver changed squad under the old squad, now, as of a past date, and after a rebuild', async () => {
    const from = new Date().toISOString();
    const max = of(people.mover);
    const given = async (giver: HttpClient, body: object) => {
      const { id } = await ok(giver.post('/kudos', { audience: 'public', ...body }), 201);
      const kudosId = String(id);
      // Projected once the giver's own list shows it.
      await expectEventually(async () => {
        const mine = await ok(giver.get('/people/me/kudos/given'));
        expect((mine.kudos as Body[]).map((one) => one.kudosId)).toContain(kudosId);
      }, slow);
      return kudosId;
    };
    await given(max, {
      to: { personIds: [people.otherMember] },
      message: 'Thanks for the billing walkthrough',
    });
    const beforeTheMove = new Date().toISOString();
    // Then max moves from Support to Billing: published after the kudos, as the org relay would.
    await world.publishOrg([cx.org.joinedSquad(people.mover, 'billing', 'support')]);
    // Recognition knows the move once a kudos to max lands on Billing's wall (the receivers'
    // squads of the day): gwen, in no squad, thanks max until one does.
    const gwen = of(people.guildMember);
    const probes: string[] = [];
    await expectEventually(async () => {
      const kudosId = await given(gwen, { to: { personIds: [people.mover] }, message: 'Welcome!' });
      probes.push(kudosId);
      const billing = await wallItems(gwen, '/units/squad/billing/wall');
      expect(idsOf(billing, 'kudos', 'kudosId')).toContain(kudosId);
    }, slow);
    // A probe projected before recognition folded the move sits under Support, where a rebuild
    // (which knows the move) would not put it: the accepted lag of ADR 0048. Withdrawn, they
    // count nowhere, and the comparison below is about max's kudos alone.
    for (const kudosId of probes) await ok(gwen.post(`/kudos/${kudosId}/withdraw`));
    await given(max, {
      to: { personIds: [people.productOwner] },
      message: 'Kind words from my new squad',
    });
    const later = new Date().toISOString();
    const flow = (asOf: string) =>
      ok(
        of(people.admin).get(
          `/flow?from=${encodeURIComponent(from)}&asOf=${encodeURIComponent(asOf)}`,
        ),
      );
    // The flow is its own projection: the kudos lists showing a kudos does not mean it has it.
    let now: Body = {};
    await expectEventually(async () => {
      now = await flow(later);
      expect(now).toMatchObject({ people: { [people.mover]: { given: 2 } } });
      expect(
        (now.people as Record<string, { given: number }>)[people.guildMember]?.given ?? 0,
      ).toBe(0);
    }, slow);
    // The first under Support (max's squad that day), the second under Billing.
    expect(now).toMatchObject({
      matrix: expect.objectContaining({
        squad: [
          { from: 'billing', to: 'support', kudos: 1 },
          { from: 'support', to: 'billing', kudos: 1 },
        ],
      }),
      people: expect.objectContaining({ [people.mover]: expect.objectContaining({ given: 2 }) }),
    });
    // Who gives little counts everyone who was there, also those who gave and got nothing.
    expect(now).toMatchObject({
      people: { [people.otherLead]: { given: 0, received: 0 } },
      givesLittle: { people: expect.arrayContaining([people.otherLead]) },
    });
    const past = await flow(beforeTheMove);
    expect(past).toMatchObject({
      kudos: 1,
      okrShare: 0,
      matrix: expect.objectContaining({ squad: [{ from: 'support', to: 'billing', kudos: 1 }] }),
      people: {
        [people.mover]: { given: 1, received: 0 },
        [people.otherMember]: { given: 0, received: 1 },
      },
    });
    // Per cycle: the cycle's window as goals planned it, from its first day.
    const cycle = await ok(cx.goalsOf(people.admin).get(`/cycles/${cx.cycleId}`));
    const admin = of(people.admin);
    expect(
      await ok(admin.get(`/flow?cycleId=${cx.cycleId}&asOf=${encodeURIComponent(later)}`)),
    ).toEqual(
      await ok(
        admin.get(
          `/flow?from=${String(cycle.startsOn)}T00:00:00.000Z&asOf=${encodeURIComponent(later)}`,
        ),
      ),
    );
    expect((await admin.get('/flow?cycleId=no-such-cycle')).status).toBe(404);
    expect((await admin.get(`/flow?cycleId=${cx.cycleId}&from=${from}`)).status).toBe(400);
    // Every projection rebuilt from the first event and swapped in: the same answers.
    await world.rebuildReadSide();
    await expectEventually(async () => {
      expect(await flow(later)).toEqual(now);
      expect(await flow(beforeTheMove)).toEqual(past);
      const wall = await wallItems(of(people.productOwner), '/units/squad/support/wall');
      expect(celebrationsOf(wall, npsKey)).toHaveLength(1);
    }, slow);
  });
});

/**
 * Bad input answers 400 naming the fields, a kudos beyond the hourly limit 409 saying when the
 * next one can be given: in an organisation of its own (only recognition needs to know it), so
 * its limit is no other test's.
 */
describe('kudos rules', () => {
  const tenantId = uniqueName('rules');
  const as = (personId: string, roles?: readonly string[]) =>
    world.recognitionAs(tenantId, personId, roles);
  const ann = () => as('ann');

  beforeAll(async () => {
    const org = new OrgHistory(tenantId);
    await world.publishOrg([
      org.established('Rules'),
      ...['root', 'ann', 'ben', 'cas'].map((personId) => org.personJoined(personId)),
    ]);
    await expectEventually(async () => {
      for (const personId of ['root', 'ann', 'ben', 'cas']) {
        const response = await as(personId).get('/settings');
        expect({ personId, status: response.status }).toEqual({ personId, status: 200 });
      }
    }, slow);
    const admin = as('root', ['admin', 'member']);
    await ok(admin.put('/settings/values', { values: ['ownership', 'customer-first'] }));
    await ok(admin.put('/settings/kudos-limit', { kudosPerHour: 2 }));
  }, 120_000);

  const kudos = (body: Body = {}) => ({
    to: { personIds: ['ben'] },
    message: 'Thank you',
    audience: 'public',
    ...body,
  });

  it.each([
    ['a message over 1000 characters', kudos({ message: 'x'.repeat(1001) }), 'message'],
    ['a blank message', kudos({ message: '   ' }), 'message'],
    ['kudos to oneself', kudos({ to: { personIds: ['ann', 'ben'] } }), 'to'],
    ['a value the organisation does not have', kudos({ values: ['ownership', 'speed'] }), 'values'],
    ['nobody thanked', kudos({ to: { personIds: [] } }), 'to'],
    ['an unknown audience', kudos({ audience: 'everyone' }), 'audience'],
  ])('refuses %s with 400 naming the field', async (_case, body, field) => {
    const response = await ann().post('/kudos', body);
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({
      status: 400,
      body: { error: 'validation_failed', fields: { [field]: expect.any(String) } },
    });
  });

  it('answers 404 naming an unknown receiver', async () => {
    const response = await ann().post('/kudos', kudos({ to: { personIds: ['nobody-here'] } }));
    expect(response.status).toBe(404);
  });

  it('gives kudos with the organisation’s values, up to its hourly limit, then 409 saying when', async () => {
    const first = await ok(ann().post('/kudos', kudos({ values: ['ownership'] })), 201);
    await ok(ann().post('/kudos', kudos({ to: { personIds: ['cas'] } })), 201);
    const third = await ann().post('/kudos', kudos());
    expect({ status: third.status, body: third.body as unknown }).toMatchObject({
      status: 409,
      body: {
        error: 'rule_violated',
        fields: { kudos: expect.stringContaining('at most 2 per hour') },
      },
    });
    // A retry of a kudos already given is no new kudos: it is not refused.
    const retry = await ann().post('/kudos', kudos({ kudosId: first.id, values: ['ownership'] }));
    expect(retry.status).toBeLessThan(300);
    // Another person's hour is their own.
    await ok(as('ben').post('/kudos', kudos({ to: { personIds: ['ann'] } })), 201);
  });
});
