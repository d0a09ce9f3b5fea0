import { type Event, type EventStore } from '@rhythm/event-sourcing';
import { TenantId, type Projection } from '@rhythm/projections';
import { ReadModelSandbox } from '@rhythm/projections/testing';
import { uniqueName } from '@rhythm/testing';
import {
  checkinsStreams,
  insightDecider,
  threadDecider,
  type FeedbackTarget,
  type ThreadCommand,
} from '../checkins-domain';
import { decideInStore } from '../testing/decide-in-store';
import { CheckinsReadModels } from './checkins-read-models';
import { feedProjection } from './feed.projection';
import { insightsProjection } from './insights.projection';
import { commentKey, threadIdOf, threadsProjection } from './threads.projection';

const objectiveId = '5a0c1f0e-8d1c-4b0a-9a39-5d1a9e0f3c11';
const keyResultId = '9b7e3d2a-1f4c-4e8b-a6d5-3c2b1a0f9e88';
const checkIn: FeedbackTarget = { kind: 'check-in', objectiveId, keyResultId, checkInId: 'c1' };
const known = { objectiveLeadIds: ['ann'] };

const projections = [
  threadsProjection,
  insightsProjection,
  feedProjection,
] as unknown as readonly Projection<Event, string>[];

/**
 * The thread, insight and feed projections on FerretDB, fed from the PostgreSQL event store: a
 * check-in's discussion (a comment id with a dot, an edit, reactions, a tombstone) and a guild's
 * insights (one revised, one withdrawn with its thread). Replays and a rebuild change nothing.
 */
describe('threads and insights on FerretDB, fed from the PostgreSQL event store', () => {
  const tenantId = uniqueName('acme');
  const tenant = TenantId.of(tenantId);
  let store: EventStore;
  let sandbox: ReadModelSandbox;
  let readModels: CheckinsReadModels;

  const run = decideInStore(() => store, tenantId);

  const onThread = (target: FeedbackTarget, personId: string, command: ThreadCommand) =>
    run(
      threadDecider,
      checkinsStreams.thread(tenantId, target),
      personId,
      command,
      (command.data as { at: string }).at,
    );

  beforeAll(async () => {
    sandbox = await ReadModelSandbox.open('checkins_threads');
    store = sandbox.store;
    readModels = new CheckinsReadModels(sandbox.connection);

    const comment = (personId: string, commentId: string, text: string, at: string) =>
      onThread(checkIn, personId, {
        type: 'PostComment',
        actor: { personId },
        data: { target: checkIn, commentId, text, at },
        facts: { target: known },
      });
    const react = (personId: string, reaction: 'thumbs-up' | 'thanks', at: string, on?: string) =>
      onThread(checkIn, personId, {
        type: 'AddReaction',
        actor: { personId },
        data: { target: checkIn, ...(on === undefined ? {} : { commentId: on }), reaction, at },
        facts: { target: known },
      });
    await comment('ann', 'week.1', 'Good start', '2026-03-05T12:00:00Z');
    await comment('bob', 'b2', 'The FAQ helped', '2026-03-05T13:00:00Z');
    await react('bob', 'thanks', '2026-03-05T13:01:00Z', 'week.1');
    await react('bob', 'thumbs-up', '2026-03-05T13:02:00Z');
    await react('cleo', 'thumbs-up', '2026-03-05T13:03:00Z');
    await onThread(checkIn, 'cleo', {
      type: 'RemoveReaction',
      actor: { personId: 'cleo' },
      data: { target: checkIn, reaction: 'thumbs-up', at: '2026-03-05T13:04:00Z' },
      facts: { target: known },
    });
    await onThread(checkIn, 'bob', {
      type: 'EditComment',
      actor: { personId: 'bob' },
      data: {
        target: checkIn,
        commentId: 'b2',
        text: 'The new FAQ helped',
        at: '2026-03-05T14:00:00Z',
      },
      facts: { target: known },
    });
    await react('ann', 'thanks', '2026-03-05T14:01:00Z', 'b2');
    await onThread(checkIn, 'ann', {
      type: 'DeleteComment',
      actor: { personId: 'ann' },
      data: { target: checkIn, commentId: 'b2', at: '2026-03-05T15:00:00Z' },
      facts: { target: known, actorIsAdmin: false },
    });

    const post = (insightId: string, title: string, at: string) =>
      run(
        insightDecider,
        checkinsStreams.insight(tenantId, insightId),
        'gwen',
        {
          type: 'PostInsight',
          actor: { personId: 'gwen' },
          data: { insightId, objectiveId, guildId: 'cs', title, body: 'What we see', at },
          facts: { objective: { followedByGuild: true }, guild: { actorIs: 'member' } },
        },
        at,
      );
    await post('i1', 'Churned users cite the FAQ', '2026-03-06T09:00:00Z');
    await run(
      insightDecider,
      checkinsStreams.insight(tenantId, 'i1'),
      'gwen',
      {
        type: 'ReviseInsight',
        actor: { personId: 'gwen' },
        data: {
          insightId: 'i1',
          title: 'Churned users cite the FAQ',
          body: 'Four of five',
          at: '2026-03-06T10:00:00Z',
        },
        facts: { visible: true },
      },
      '2026-03-06T10:00:00Z',
    );
    await post('i2', 'Second thoughts', '2026-03-06T11:00:00Z');
    const onInsight: FeedbackTarget = {
      kind: 'insight',
      objectiveId,
      guildId: 'cs',
      insightId: 'i2',
    };
    await onThread(onInsight, 'ann', {
      type: 'PostComment',
      actor: { personId: 'ann' },
      data: { target: onInsight, commentId: 'a1', text: 'Really?', at: '2026-03-06T11:30:00Z' },
      facts: { target: known },
    });
    await run(
      insightDecider,
      checkinsStreams.insight(tenantId, 'i2'),
      'gwen',
      {
        type: 'WithdrawInsight',
        actor: { personId: 'gwen' },
        data: { insightId: 'i2', at: '2026-03-06T12:00:00Z' },
        facts: { visible: true },
      },
      '2026-03-06T12:00:00Z',
    );

    await sandbox.runToHead(projections);
  });

  afterAll(() => sandbox?.dispose());

  it("keeps a check-in's thread in order, with reactions, an edit and a tombstone", async () => {
    const threadId = threadIdOf(checkIn);
    expect(await readModels.threads.findById(tenant, threadId)).toMatchObject({
      target: checkIn,
      objectiveId,
      reactions: { 'thumbs-up': ['bob'] },
    });
    const comments = await readModels.comments.ofThread(tenant, threadId);
    expect(comments.map(({ _id }) => _id)).toEqual([
      commentKey(threadId, 'week.1'),
      commentKey(threadId, 'b2'),
    ]);
    expect(comments[0]).toMatchObject({
      commentId: 'week.1',
      text: 'Good start',
      deleted: false,
      reactions: { thanks: ['bob'] },
    });
    expect(comments[1]).toMatchObject({ commentId: 'b2', text: '', deleted: true, reactions: {} });
    expect(comments[1].editedAt).toBeUndefined();
  });

  it('keeps insights as they read now, a withdrawn one without its words', async () => {
    expect(await readModels.insights.ofObjective(tenant, objectiveId)).toEqual([
      expect.objectContaining({ insightId: 'i1', body: 'Four of five', status: 'posted' }),
    ]);
    expect(await readModels.insights.findById(tenant, 'i2')).toMatchObject({
      status: 'withdrawn',
      title: '',
      body: '',
    });
  });

  it('feeds comments and insights as they read now, without deleted or withdrawn ones', async () => {
    const feed = await readModels.feed.ofObjectives(tenant, [objectiveId], undefined, 20);
    expect(feed.map(({ kind, subjectId, summary }) => [kind, subjectId, summary])).toEqual([
      [
        'insight',
        'i1',
        {
          title: 'Churned users cite the FAQ',
          body: 'Four of five',
          revisedAt: '2026-03-06T10:00:00.000Z',
        },
      ],
      ['comment', 'week.1', { target: checkIn, text: 'Good start' }],
    ]);
    expect(feed[0]).toMatchObject({ guildId: 'cs', actorId: 'gwen' });
  });

  it('changes nothing when every event is applied a second time, in any order', () =>
    sandbox.expectReplayChangesNothing(projections, tenantId));

  it('rebuilds from zero into identical documents', () =>
    sandbox.expectRebuildIdentical(projections, tenantId));
});
