import { Forbidden, NotFound, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { recognitionStreams } from '../recognition-streams';
import {
  bob,
  celebrations,
  customerExperience,
  cycleId,
  keyResultId,
  objectiveId,
  support,
  withFields,
} from '../testing/people.fixtures';
import type { Achievement } from './achievement';
import { achievementKey } from './achievement';
import type { CelebrateAchievement, CelebrationFacts } from './celebrate-achievement.command';
import type { AchievementCelebrated } from './celebration.events';
import { celebrationDecider } from './celebration.decider';
import { celebrationText, languageOf } from './celebration.texts';
import { wallsOf } from './celebration.walls';

const spec = DeciderSpecification.for(celebrationDecider);
const npsReached: Achievement = {
  kind: 'key-result-achieved',
  cycleId,
  objectiveId,
  keyResultId,
  value: 41,
  target: 40,
};
type KnownSubject = Exclude<CelebrationFacts['subject'], string>;
const supportObjective: KnownSubject = {
  owner: { kind: 'unit', unit: support, tribeId: customerExperience.id },
  private: false,
  objectiveTitle: 'Customers love our support',
  keyResultTitle: 'Raise NPS to 40',
};
const supportGoal: CelebrationFacts = { subject: supportObjective, streakMilestones: [4, 8, 12] };
const celebrate = (
  achievement: Achievement = npsReached,
  facts: CelebrationFacts = supportGoal,
): CelebrateAchievement => ({
  type: 'CelebrateAchievement',
  actor: celebrations,
  data: { achievement, at: '2026-03-10T14:00:00+01:00' },
  facts,
});
const celebrated: AchievementCelebrated = {
  type: 'AchievementCelebrated',
  data: {
    achievementKey: `kr:${cycleId}:${keyResultId}`,
    achievement: npsReached,
    owner: { kind: 'unit', unit: support, tribeId: customerExperience.id },
    walls: [support, customerExperience],
    visibility: 'public',
    objectiveTitle: 'Customers love our support',
    keyResultTitle: 'Raise NPS to 40',
    celebratedAt: '2026-03-10T13:00:00.000Z',
  },
};

describe('Celebrations', () => {
  it("a key result reaching its target is celebrated on its squad's wall and its tribe's", () =>
    spec.given([]).when(celebrate()).then([celebrated]));

  it('exactly once: the same achievement again (a redelivery, a replay) adds nothing', () =>
    spec.given([celebrated]).when(celebrate()).thenNothingHappens());

  it('a key result that fell back and reached its target again in the cycle meets its first celebration', () => {
    const again = celebrate({ ...npsReached, value: 43 });
    expect(achievementKey(again.data.achievement)).toBe(celebrated.data.achievementKey);
    spec.given([celebrated]).when(again).thenNothingHappens();
  });

  it('the key is the stream: one per achievement, and none shared by two organisations', () => {
    expect(achievementKey({ kind: 'objective-achieved', cycleId, objectiveId })).toBe(
      `objective:${cycleId}:${objectiveId}`,
    );
    expect(
      achievementKey({
        kind: 'streak-milestone',
        personId: 'b.o',
        weeks: 8,
        streakStartedOn: '2026-01-09',
      }),
    ).toBe('streak:b.o:8:2026-01-09');
    expect(recognitionStreams.celebration('acme.nl', 'blocker:b.1')).not.toBe(
      recognitionStreams.celebration('acme', 'nl.blocker:b.1'),
    );
  });

  it('a private objective’s celebration is marked private', () =>
    spec
      .given([])
      .when(
        celebrate(npsReached, {
          ...supportGoal,
          subject: { ...supportObjective, private: true },
        }),
      )
      .then([{ ...celebrated, data: { ...celebrated.data, visibility: 'private' } }]));

  it('a cycle closed celebrates its successes, once, not its misses', () => {
    const scored: Achievement = {
      kind: 'objective-scored',
      cycleId,
      objectiveId,
      score: 0.85,
      success: true,
    };
    const { keyResultTitle: _k, ...titles } = celebrated.data;
    const scoredCelebrated: AchievementCelebrated = {
      type: 'AchievementCelebrated',
      data: { ...titles, achievementKey: `scored:${cycleId}:${objectiveId}`, achievement: scored },
    };
    const { keyResultTitle: _t, ...subject } = supportObjective;
    const facts = { ...supportGoal, subject };
    spec.given([]).when(celebrate(scored, facts)).then([scoredCelebrated]);
    // The cycle reopened and closed again, or re-scored under another rule: still once.
    spec
      .given([scoredCelebrated])
      .when(celebrate({ ...scored, score: 0.9 }, facts))
      .thenNothingHappens();
    spec
      .given([])
      .when(celebrate({ ...scored, score: 0.4, success: false }, facts))
      .thenNothingHappens();
  });

  it("a streak at one of the organisation's milestones, on the person's squad and tribe walls", () => {
    const streak: Achievement = {
      kind: 'streak-milestone',
      personId: 'bob',
      weeks: 8,
      streakStartedOn: '2026-01-09',
    };
    const bobsSquad: KnownSubject = {
      owner: {
        kind: 'person',
        personId: 'bob',
        squad: { id: 'support', tribeId: 'customer-experience' },
      },
      private: false,
    };
    const person: CelebrationFacts = { subject: bobsSquad, streakMilestones: [4, 8, 12] };
    spec
      .given([])
      .when(celebrate(streak, person))
      .then([
        {
          type: 'AchievementCelebrated',
          data: {
            achievementKey: 'streak:bob:8:2026-01-09',
            achievement: streak,
            owner: bobsSquad.owner,
            walls: [support, customerExperience],
            visibility: 'public',
            celebratedAt: '2026-03-10T13:00:00.000Z',
          },
        },
      ]);
    spec
      .given([])
      .when(celebrate({ ...streak, weeks: 7 }, person))
      .thenNothingHappens();
    spec
      .given([])
      .when(celebrate(streak, { ...person, subject: 'no-person' }))
      .thenThrows(NotFound, 'Person bob not found');
  });

  it('walls: a guild’s, a tribe’s, the company’s, a person without a squad', () => {
    expect(wallsOf({ kind: 'unit', unit: { kind: 'guild', id: 'cs' } })).toEqual([
      { kind: 'guild', id: 'cs' },
    ]);
    expect(wallsOf({ kind: 'unit', unit: customerExperience })).toEqual([customerExperience]);
    expect(
      wallsOf({ kind: 'unit', unit: { kind: 'chapter', id: 'backend' }, tribeId: 'platform' }),
    ).toEqual([
      { kind: 'chapter', id: 'backend' },
      { kind: 'tribe', id: 'platform' },
    ]);
    expect(wallsOf({ kind: 'company' })).toEqual([]);
    expect(wallsOf({ kind: 'person', personId: 'bob' })).toEqual([]);
  });

  it('an objective or key result the directory does not know yet answers 404 (the consumer retries), before the actor', () => {
    spec
      .given([])
      .when({ ...celebrate(npsReached, { ...supportGoal, subject: 'no-objective' }), actor: bob })
      .thenThrows(NotFound, `Objective ${objectiveId} not found`);
    spec
      .given([])
      .when(celebrate(npsReached, { ...supportGoal, subject: 'no-key-result' }))
      .thenThrows(NotFound, `Key result ${keyResultId} not found on objective ${objectiveId}`);
  });

  it('no person celebrates: it is automatic (403), before the input', () =>
    spec
      .given([])
      .when({ ...celebrate({ ...npsReached, keyResultId: '' }), actor: bob })
      .thenThrows(Forbidden));

  it('the input is judged before the state', () =>
    spec
      .given([celebrated])
      .when({
        ...celebrate({ ...npsReached, cycleId: 'q:1' }),
        data: { achievement: { ...npsReached, cycleId: 'q:1' }, at: 'today' },
      })
      .thenThrows(
        ValidationFailed,
        withFields({ achievement: /letters, digits/, at: /ISO-8601/ }),
      ));
});

describe('Celebration texts', () => {
  it('read in English and Dutch', () => {
    expect(celebrationText(celebrated.data, 'en')).toBe(
      'Key result “Raise NPS to 40” of “Customers love our support” reached its target: 41 of 40.',
    );
    expect(celebrationText(celebrated.data, 'nl')).toBe(
      'Key result “Raise NPS to 40” van “Customers love our support” heeft zijn doel bereikt: 41 van 40.',
    );
  });

  it('name people at read time and write numbers as the language does', () => {
    const scored = {
      ...celebrated.data,
      achievement: { kind: 'objective-scored', cycleId, objectiveId, score: 0.85, success: true },
    } as const;
    expect(celebrationText(scored, 'nl')).toBe(
      'Cyclus 2026-q1 is afgesloten: “Customers love our support” scoorde 0,85.',
    );
    const streak = {
      ...celebrated.data,
      achievement: {
        kind: 'streak-milestone',
        personId: 'bob',
        weeks: 8,
        streakStartedOn: '2026-01-09',
      },
    } as const;
    expect(celebrationText(streak, 'en', () => 'Bob Jansen')).toBe(
      'Bob Jansen checked in 8 weeks in a row.',
    );
  });

  it('take the language from Accept-Language, English by default', () => {
    expect(languageOf('nl-NL,nl;q=0.9,en;q=0.8')).toBe('nl');
    expect(languageOf('fr-FR, en;q=0.5, nl;q=0.7')).toBe('nl');
    expect(languageOf('de')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf('nl;q=0, en')).toBe('en');
  });
});
