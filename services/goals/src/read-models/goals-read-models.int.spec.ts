import type { EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { TenantId } from '@rhythm/projections';
import { ReadModelSandbox } from '@rhythm/projections/testing';
import { uniqueName } from '@rhythm/testing';
import type { Connection } from 'mongoose';
import { goalsStreams, googleZonesRule, type Actor } from '@rhythm/goals-domain';
import { ObjectiveHistory } from '../application/queries/objective-history';
import { goalsRepositories } from './goals-read-model.repositories';
import { GoalsReadModels } from './goals-read-models';
import { BoardsRepository } from '../boards/boards.projection';
import { goalsProjections } from './goals-projections';
import { objectiveOfCard } from './objective-cards.projection';
import { actors, cycleId, ids, playAcmeQuarter, targetLoweredReason } from './testing/acme-quarter';
import { GoalsScenario } from './testing/goals-scenario';

jest.setTimeout(120_000);

const churned = { objective: 'churn', abandoned: 'given-up' } as const;

/**
 * Every other kind of event, so that the fold equality below covers each handler: renames,
 * reweighing, owner and visibility changes, a dropped key result, a target raised after it was
 * reached, unalign, unfollow, contributor removed, review notes, a score override, a reopened and
 * rescheduled cycle under another rule, a retrospective, an abandoned objective, a withdrawn
 * proposal, a revised, unlinked and closed ambition, a TV board shown and revoked.
 */
const churn = async (s: GoalsScenario) => {
  const { ann, gus, bob, olga, eve } = actors;
  const id = churned.objective;
  const at = (day: string) => `2026-02-${day}T12:00:00Z`;
  const milestoneDraft = (keyResultId: string, owner = 'bob') => ({
    keyResultId,
    title: `Milestone ${keyResultId}`,
    metric: {
      type: 'milestone' as const,
      unit: '',
      start: 0,
      target: 1,
      direction: 'increase' as const,
    },
    owner,
    weight: 1,
  });
  await s.setObjective(ann, at('02'), {
    objectiveId: id,
    cycleId,
    title: 'Churn',
    owner: { kind: 'squad', id: 'checkout' },
    keyResults: [
      {
        keyResultId: 'k1',
        title: 'Tickets to 10',
        metric: { type: 'number', unit: 'tickets', start: 0, target: 10, direction: 'increase' },
        owner: 'bob',
        weight: 1,
      },
      milestoneDraft('k2'),
      milestoneDraft('k3', 'eve'),
    ],
  });
  const o = (day: string, command: Parameters<GoalsScenario['objective']>[2], actor: Actor = ann) =>
    s.objective(actor, at(day), command);
  await o('03', {
    type: 'RenameObjective',
    data: { objectiveId: id, title: 'Churn less', description: 'Keep them', reason: 'Clearer' },
  });
  await o('03', {
    type: 'RenameKeyResult',
    data: { objectiveId: id, keyResultId: 'k2', title: 'Launch' },
  });
  await o('03', {
    type: 'ReweighKeyResult',
    data: { objectiveId: id, keyResultId: 'k2', weight: 3 },
  });
  await o('04', {
    type: 'ChangeKeyResultOwner',
    data: { objectiveId: id, keyResultId: 'k3', owner: 'bob' },
  });
  await o('04', {
    type: 'DropKeyResult',
    data: { objectiveId: id, keyResultId: 'k2', reason: 'Out of scope' },
  });
  await o(
    '05',
    { type: 'RecordProgress', data: { objectiveId: id, keyResultId: 'k1', value: 10 } },
    bob,
  );
  await o('05', {
    type: 'AdjustKeyResultTarget',
    data: { objectiveId: id, keyResultId: 'k1', target: 12 },
  });
  await o('06', {
    type: 'ChangeObjectiveVisibility',
    data: { objectiveId: id, visibility: 'private', reason: 'Sensitive' },
  });
  await o('06', {
    type: 'AlignObjective',
    data: { objectiveId: id, parentObjectiveId: ids.tribe },
  });
  await o('07', {
    type: 'UnalignObjective',
    data: { objectiveId: id, parentObjectiveId: ids.tribe, reason: 'Not ours' },
  });
  await o('07', { type: 'FollowObjective', data: { objectiveId: id, guildId: 'security' } }, gus);
  await o('07', { type: 'UnfollowObjective', data: { objectiveId: id, guildId: 'security' } }, gus);
  // Private by now: only its lead lists a contributor on it (ADR 0030); she steps back herself.
  await o('08', { type: 'AddContributor', data: { objectiveId: id, personId: 'eve' } });
  await o('08', { type: 'RemoveContributor', data: { objectiveId: id, personId: 'eve' } }, eve);
  await o('09', {
    type: 'RecordReviewNote',
    data: { objectiveId: id, noteId: 'n-1', stage: 'mid-cycle', text: 'On track' },
  });
  await o(
    '09',
    {
      type: 'ChangeObjectiveOwner',
      data: { objectiveId: id, owner: { kind: 'squad', id: 'onboarding' }, reason: 'Moved' },
    },
    olga,
  );
  await s.setObjective(ann, at('10'), {
    objectiveId: churned.abandoned,
    cycleId,
    title: 'Given up',
    owner: { kind: 'squad', id: 'checkout' },
    keyResults: [milestoneDraft('g1')],
  });
  await o('11', {
    type: 'AbandonObjective',
    data: { objectiveId: churned.abandoned, reason: 'Superseded' },
  });
  await s.proposal(bob, at('11'), {
    type: 'WithdrawProposal',
    data: { proposalId: 'p-secret', reason: 'Later' },
  });
  const ambition = { personId: 'bob', ambitionId: 'payments-expert' };
  await s.ambition(bob, at('12'), {
    type: 'ReviseAmbition',
    data: { ...ambition, title: 'Payments lead', description: 'Lead it' },
  });
  await s.ambition(bob, at('12'), {
    type: 'LinkAmbition',
    data: { ...ambition, link: { kind: 'objective', objectiveId: ids.squad } },
  });
  await s.ambition(bob, at('13'), {
    type: 'UnlinkAmbition',
    data: {
      ...ambition,
      link: { kind: 'key-result', objectiveId: ids.squad, keyResultId: 'conversion' },
    },
  });
  await s.ambition(bob, at('13'), {
    type: 'CloseAmbition',
    data: { ...ambition, outcome: 'realised', note: 'Promoted' },
  });

  await s.cycle(olga, at('20'), {
    type: 'RescheduleCycle',
    data: { cycleId, startsOn: '2026-01-01', endsOn: '2026-04-07', reason: 'Easter' },
  });
  await s.cycle(olga, at('20'), {
    type: 'ChangeScoringRule',
    data: { cycleId, scoringRule: googleZonesRule, reason: 'Google style' },
  });
  await s.cycle(olga, '2026-03-25T09:00:00Z', { type: 'StartCycleReview', data: { cycleId } });
  await s.objective(ann, '2026-03-26T09:00:00Z', {
    type: 'OverrideKeyResultScore',
    data: { objectiveId: ids.squad, keyResultId: 'nps', score: 0.7, reason: 'Survey delayed' },
  });
  await s.cycle(olga, '2026-03-27T09:00:00Z', {
    type: 'ReopenCycle',
    data: { cycleId, reason: 'Late data' },
  });
  await s.cycle(olga, '2026-03-28T09:00:00Z', { type: 'StartCycleReview', data: { cycleId } });
  await s.cycle(olga, '2026-04-07T18:00:00Z', { type: 'CloseCycle', data: { cycleId } });
  for (const objectiveId of [...Object.values(ids), churned.objective]) {
    await s.objective(olga, '2026-04-07T19:00:00Z', {
      type: 'ScoreObjective',
      data: { objectiveId },
      facts: { scoringRule: googleZonesRule },
    });
  }
  await s.objective(ann, '2026-04-08T09:00:00Z', {
    type: 'RecordRetrospective',
    data: {
      objectiveId: ids.squad,
      wentWell: 'Pairing',
      learned: 'Measure early',
      doDifferently: 'Smaller bets',
    },
  });
  // A TV board shown and revoked.
  await s.board(ann, at('27'), {
    type: 'CreateBoard',
    data: {
      boardId: 'board',
      scope: { kind: 'squad', id: 'checkout' },
      cycleId,
      title: 'Checkout',
      linkId: 'link',
    },
  });
  await s.board(ann, at('28'), { type: 'RevokeBoard', data: { boardId: 'board' } });
};

describe('goals read models on FerretDB, fed from the PostgreSQL event store', () => {
  const tenantId = uniqueName('acme');
  const tenant = TenantId.of(tenantId);
  let sandbox: ReadModelSandbox;
  let store: EventStore;
  let connection: Connection;
  let scenario: GoalsScenario;
  let repositories: ReturnType<typeof goalsRepositories>;
  let allEvents: RecordedEvent[];

  beforeAll(async () => {
    sandbox = await ReadModelSandbox.open('goals_rm');
    ({ store, connection } = sandbox);
    repositories = goalsRepositories(connection);

    scenario = new GoalsScenario(store, tenantId);
    await playAcmeQuarter(scenario, tenantId);
    await churn(scenario);
    allEvents = await sandbox.allEvents();
    await sandbox.runToHead(goalsProjections);
  });

  afterAll(() => sandbox?.dispose());

  it('is fed every event type the projections handle', () => {
    const seen = new Set(allEvents.map((event) => event.type));
    for (const projection of goalsProjections) {
      expect([...projection.handles].filter((type) => !seen.has(type))).toEqual([]);
    }
  });

  it('holds a TV board as shown and revoked, without its link id', async () => {
    const [board] = await new BoardsRepository(connection).ofOrganisation(tenant);
    expect(board).toMatchObject({ boardId: 'board', status: 'revoked', revokedBy: 'ann' });
    expect(JSON.stringify(board)).not.toContain('link');
  });

  it("holds every objective's card as the domain folds its stream, notes and retrospective aside", async () => {
    const cards = await repositories.cards.ofCycles(tenant, [cycleId]);
    expect(cards.map((card) => card.objectiveId).sort()).toEqual(
      [...Object.values(ids), ...Object.values(churned)].sort(),
    );
    // In the order the objectives were defined.
    const defined = cards.map((card) => card.definedAt);
    expect(defined).toEqual([...defined].sort());
    for (const card of cards) {
      const folded = await scenario.objectiveState(card.objectiveId);
      if (folded.status === 'none') throw new Error(`${card.objectiveId} was never defined`);
      const {
        reviewNotes: _notes,
        retrospective: _retrospective,
        fromProposalId: _proposal,
        fromTemplateId: _template,
        ...shown
      } = folded;
      expect(objectiveOfCard(card)).toEqual({ ...shown, reviewNotes: [] });
    }
    const squad = cards.find((card) => card.objectiveId === ids.squad)!;
    expect(squad).toMatchObject({ ownerKey: 'squad:checkout', cycleId });
    expect(
      (await repositories.cards.ofOwner(tenant, { kind: 'squad', id: 'checkout' }, cycleId)).map(
        (card) => card.objectiveId,
      ),
    ).toContain(ids.squad);
  });

  it('keeps current values, the lowered target, owners, contributors and followers', async () => {
    const [squadCard] = await repositories.cards.some(tenant, [ids.squad]);
    const squad = objectiveOfCard(squadCard);
    expect(squad.status).toBe('scored');
    const keyResult = (id: string) => squad.keyResults.find((kr) => kr.keyResultId === id);
    expect(keyResult('nps')).toMatchObject({ current: 36, metric: { target: 39 } });
    expect(keyResult('conversion')).toMatchObject({ current: 66, weight: 2, owner: 'bob' });
    expect(squadCard).toMatchObject({ ownerKey: 'squad:checkout', followers: ['security'] });
    expect(squadCard.people.sort()).toEqual(['bob', 'cid']);
    expect(squad).toMatchObject({
      parents: [ids.tribe],
      contributors: ['cid'],
      followers: ['security'],
      visibility: 'public',
    });
    expect(squad.score?.rule).toEqual(googleZonesRule);
    expect(keyResult('nps')?.scoreOverride).toEqual({ score: 0.7, reason: 'Survey delayed' });
    const [privateOne] = (await repositories.cards.some(tenant, [ids.private])).map(
      objectiveOfCard,
    );
    expect(privateOne.visibility).toBe('private');
    expect(privateOne.keyResults.find((kr) => kr.keyResultId === 'migrated')?.achieved).toBe(true);
  });

  it('follows every kind of change: owner, visibility, drops, weights, a target raised after it was reached', async () => {
    const cards = await repositories.cards.some(tenant, [churned.objective, churned.abandoned]);
    const cardOf = (id: string) => cards.find((card) => card.objectiveId === id)!;
    const [churnCard, abandoned] = [cardOf(churned.objective), cardOf(churned.abandoned)];
    expect(churnCard).toMatchObject({ ownerKey: 'squad:onboarding', people: ['bob'] });
    const churn = objectiveOfCard(churnCard);
    expect(churn).toMatchObject({
      title: 'Churn less',
      owner: { kind: 'squad', id: 'onboarding' },
      visibility: 'private',
      parents: [],
      followers: [],
      contributors: [],
      reviewNotes: [],
    });
    expect(churn.keyResults.map((kr) => kr.keyResultId)).toEqual(['k1', 'k3']);
    expect(churn.keyResults[0]).toMatchObject({
      current: 10,
      achieved: false,
      metric: { target: 12 },
    });
    expect(objectiveOfCard(abandoned).status).toBe('abandoned');
    expect((await repositories.proposals.proposal(tenant, 'p-secret'))?.status).toBe('withdrawn');
  });

  it('holds the cycle', async () => {
    const cycle = (await repositories.cycles.cycle(tenant, cycleId))!;
    const folded = await scenario.cycleState(cycleId);
    expect(cycle).toMatchObject(folded);
    expect(cycle).toMatchObject({
      closedAt: '2026-04-07T18:00:00.000Z',
      endsOn: '2026-04-07',
      reopenings: 1,
      scoringRule: googleZonesRule,
    });
  });

  it('holds proposals with their discussion, return and approval', async () => {
    const proposal = (await repositories.proposals.proposal(tenant, 'p-reviews'))!;
    expect(proposal).toMatchObject({
      status: 'approved',
      revision: 2,
      unitKey: 'squad:checkout',
      proposer: 'eve',
      lastReturn: { by: 'ann', revisedSince: true },
      approval: { by: 'ann', revision: 2 },
    });
    expect(proposal.subject).toMatchObject({ draft: { title: 'Checkout customers feel heard' } });
    expect(Object.values(proposal.suggestions)).toEqual([
      expect.objectContaining({ suggestionId: 's-1', author: 'bob', addressedIn: 2 }),
    ]);
    expect(Object.values(proposal.comments)).toEqual([
      expect.objectContaining({ commentId: 'c-1', author: 'ann', text: 'Good now' }),
    ]);
    const forCheckout = await repositories.proposals.search(tenant, { unitKey: 'squad:checkout' });
    expect(forCheckout.map((p) => p.proposalId)).toEqual([
      'p-provider-kr',
      'p-secret',
      'p-reviews',
    ]);
  });

  it('holds ambitions per person with their links', async () => {
    const [ambition] = await repositories.ambitions.ofPerson(tenant, 'bob');
    expect(ambition).toMatchObject({
      ambitionId: 'payments-expert',
      title: 'Payments lead',
      status: 'realised',
      closingNote: 'Promoted',
      objectiveIds: [ids.squad],
    });
    expect(Object.values(ambition.links)).toEqual([{ kind: 'objective', objectiveId: ids.squad }]);
    expect(await repositories.ambitions.ofPerson(tenant, 'eve')).toEqual([]);
  });

  it('tells who changed what, when and why, in stream order, from the stream', async () => {
    const objectiveHistory = new ObjectiveHistory(store);
    const history = await objectiveHistory.ofObjective(tenant, ids.squad);
    const stream = await store.readStream(goalsStreams.objective(tenantId, ids.squad));
    expect(history.map((entry) => entry.revision)).toEqual(stream.map((_, index) => index));
    const lowered = history.find((entry) => entry.eventType === 'KeyResultTargetAdjusted')!;
    expect(lowered).toMatchObject({
      keyResultId: 'nps',
      actor: actors.ann.personId,
      occurredAt: '2026-02-10T09:00:00.000Z',
      reason: targetLoweredReason,
      changes: [{ field: 'target', before: 41, after: 39 }],
    });
    const nps = await objectiveHistory.ofKeyResult(tenant, ids.squad, 'nps');
    expect(nps.map((entry) => entry.eventType)).toEqual([
      'KeyResultAdded',
      'KeyResultTargetAdjusted',
      'KeyResultProgressed',
      'KeyResultScoreOverridden',
    ]);
  });

  it('changes nothing when every event is applied a second time', () =>
    sandbox.expectReplayChangesNothing(goalsProjections, tenantId));

  it('rebuilds from zero into identical documents', () =>
    sandbox.expectRebuildIdentical(goalsProjections, tenantId));

  it('tells when the projections of a stream have caught up with a position', async () => {
    const readModels = new GoalsReadModels(connection);
    const objectiveStream = goalsStreams.objective(tenantId, ids.squad);
    const last = allEvents.filter((event) => event.streamId === objectiveStream).at(-1)!;
    expect(await readModels.caughtUpWith(objectiveStream, last.globalPosition, 1_000)).toBe(true);
    expect(
      await readModels.caughtUpWith(objectiveStream, allEvents.at(-1)!.globalPosition + 1n, 200),
    ).toBe(false);
  });

  it('reads only the tenant asked for', async () => {
    const other = TenantId.of(uniqueName('other'));
    expect(await repositories.cards.ofCycles(other, [cycleId])).toEqual([]);
    expect(await repositories.cycles.cycle(other, cycleId)).toBeNull();
  });
});
