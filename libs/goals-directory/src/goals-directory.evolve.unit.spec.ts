import {
  goalsIntegrationEventExamples,
  goalsIntegrationEvents,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import {
  evolveCycle,
  evolveObjective,
  goalsSubjectOf,
  type DirectoryObjective,
} from './goals-directory.evolve';

let revision = 0;
const proposalTypes = new Set<string>(
  goalsIntegrationEvents
    .map((definition) => definition.type)
    .filter((type) => type.startsWith('goals.proposal') || type === 'goals.change-suggested'),
);
const envelope = (
  type: string,
  data: Record<string, unknown>,
  occurredAt = '2026-01-05T09:00:00.000Z',
) =>
  ({
    eventId: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
    type,
    version: 1,
    tenantId: 'acme',
    streamId: type.startsWith('goals.cycle')
      ? 'cycle-acme.q'
      : type.startsWith('goals.objective') || !proposalTypes.has(type)
        ? 'objective-acme.x'
        : 'proposal-acme.p',
    streamRevision: revision++,
    globalPosition: String(revision),
    actor: 'ann',
    correlationId: 'c',
    causationId: 'c',
    occurredAt,
    data,
  }) satisfies IntegrationEnvelope;

const example = (type: string, overrides: Record<string, unknown> = {}, at?: string) =>
  envelope(type, { ...goalsIntegrationEventExamples[type], ...overrides }, at);

const fold = (events: readonly IntegrationEnvelope[]) =>
  events.reduce<DirectoryObjective | undefined>(evolveObjective, undefined);

describe('The goals directory a service keeps of the goals topic', () => {
  const created = example('goals.objective-created', { visibility: 'private' });
  const objectiveId = String(created.data.objectiveId);
  const added = example('goals.key-result-added', {}, '2026-01-05T09:01:00.000Z');
  const keyResultId = String(added.data.keyResultId);
  const activated = example('goals.objective-activated', {}, '2026-01-06T08:00:00.000Z');

  it('keeps an objective from its creation: owner, visibility, its key results and their owners', () => {
    const objective = fold([created, added, activated]);
    expect(objective).toMatchObject({
      objectiveId,
      owner: created.data.owner,
      visibility: 'private',
      status: 'active',
      activatedAt: '2026-01-06T08:00:00.000Z',
      keyResults: [
        {
          keyResultId,
          ownerId: added.data.owner,
          // Check-ins are owed from the day the objective is set.
          ownedSince: '2026-01-06T08:00:00.000Z',
          dropped: false,
        },
      ],
    });
  });

  it('follows contributors, guild follows, visibility, owners and drops', () => {
    const objective = fold([
      created,
      added,
      activated,
      example('goals.contributor-added', { personId: 'cleo' }),
      example('goals.contributor-added', { personId: 'cleo' }),
      example('goals.objective-followed', { guildId: 'customer-success' }),
      example('goals.objective-adjusted', {
        field: 'visibility',
        visibility: { before: 'private', after: 'public' },
        reason: null,
      }),
      example(
        'goals.key-result-adjusted',
        { field: 'owner', before: added.data.owner, after: 'bob', reason: 'Bob runs the survey' },
        '2026-02-01T10:00:00.000Z',
      ),
    ]);
    expect(objective).toMatchObject({
      contributorIds: ['cleo'],
      followerGuildIds: ['customer-success'],
      visibility: 'public',
      keyResults: [{ ownerId: 'bob', ownedSince: '2026-02-01T10:00:00.000Z' }],
    });
    const dropped = evolveObjective(objective, example('goals.key-result-dropped'));
    expect(dropped?.keyResults[0]).toMatchObject({ dropped: true });
    const abandoned = evolveObjective(dropped, example('goals.objective-abandoned'));
    expect(abandoned?.status).toBe('abandoned');
  });

  it('keeps the final score of each key result when goals scores the objective', () => {
    const scored = evolveObjective(
      fold([created, added, activated]),
      example('goals.objective-scored', {
        keyResults: [
          { keyResultId, weight: 1, progress: 0.8, computed: 0.8, score: 0.7, overridden: true },
        ],
      }),
    );
    expect(scored?.keyResults[0]).toMatchObject({ finalScore: 0.7 });
  });

  it('dates a key result and an objective by the first time they reached their target', () => {
    const first = example('goals.key-result-achieved', {}, '2026-02-10T09:00:00.000Z');
    const again = example('goals.key-result-achieved', {}, '2026-03-01T09:00:00.000Z');
    const achieved = fold([created, added, activated, first, again]);
    expect(achieved?.keyResults[0]?.achievedAt).toBe('2026-02-10T09:00:00.000Z');
    const whole = evolveObjective(
      evolveObjective(
        achieved,
        example('goals.objective-achieved', {}, '2026-02-10T09:00:01.000Z'),
      ),
      example('goals.objective-achieved', {}, '2026-03-01T09:00:01.000Z'),
    );
    expect(whole?.achievedAt).toBe('2026-02-10T09:00:01.000Z');
  });

  it("keeps the objective's latest retrospective, with its author", () => {
    const retro = example('goals.retrospective-recorded', {}, '2026-03-30T16:00:00.000Z');
    const later = example(
      'goals.retrospective-recorded',
      { learned: 'Baselines first' },
      '2026-03-31T16:00:00.000Z',
    );
    const objective = fold([created, added, activated, retro, later]);
    expect(objective?.retrospective).toEqual({
      authorId: retro.data.author,
      wentWell: retro.data.wentWell,
      learned: 'Baselines first',
      doDifferently: retro.data.doDifferently,
      recordedAt: '2026-03-31T16:00:00.000Z',
    });
  });

  it('moves a cycle through its statuses', () => {
    const planned = evolveCycle(undefined, example('goals.cycle-planned'));
    const active = evolveCycle(planned, example('goals.cycle-activated'));
    const review = evolveCycle(active, example('goals.cycle-review-started'));
    const reopened = evolveCycle(review, example('goals.cycle-reopened'));
    const closed = evolveCycle(reopened, example('goals.cycle-closed'));
    expect([planned, active, review, reopened, closed].map((cycle) => cycle?.status)).toEqual([
      'planning',
      'active',
      'review',
      'active',
      'closed',
    ]);
    expect(closed?.closedAt).toBe('2026-01-05T09:00:00.000Z');
    expect(evolveCycle(closed, example('goals.cycle-reopened'))).not.toHaveProperty('closedAt');
  });

  it("keeps a cycle's days as planned, then as rescheduled", () => {
    const planned = evolveCycle(undefined, example('goals.cycle-planned'));
    expect(planned).toMatchObject({ startsOn: '2026-01-01', endsOn: '2026-03-31' });
    const rescheduled = evolveCycle(planned, example('goals.cycle-rescheduled'));
    expect(rescheduled).toMatchObject({
      status: 'planning',
      startsOn: '2026-01-05',
      endsOn: '2026-04-03',
    });
  });

  it('takes every published goals event type without failing, and knows what each is about', () => {
    const objective = fold([created, added, activated]);
    for (const definition of goalsIntegrationEvents) {
      const event = example(definition.type);
      const subject = goalsSubjectOf(event);
      if (proposalTypes.has(definition.type)) {
        expect(subject).toBeUndefined();
        continue;
      }
      expect([definition.type, subject?.kind]).toEqual([
        definition.type,
        definition.type.startsWith('goals.cycle') ? 'cycle' : 'objective',
      ]);
      expect(() =>
        subject?.kind === 'cycle'
          ? evolveCycle({ cycleId: 'q', name: 'q', status: 'active' }, event)
          : evolveObjective(objective, event),
      ).not.toThrow();
    }
  });

  it('ignores an event about an objective it never saw created', () => {
    expect(evolveObjective(undefined, added)).toBeUndefined();
  });
});
