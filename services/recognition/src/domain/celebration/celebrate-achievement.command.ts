import { Forbidden, NotFound, rejectInvalid } from '@rhythm/event-sourcing';
import { isSystem } from '../actor';
import type { Command } from '../command';
import type { GoalOwner } from '../directory-facts';
import { keyResultNotFound, objectiveNotFound } from '../directory-facts';
import { instantProblem, utc } from '../input-rules';
import type { Achievement } from './achievement';
import { achievementKey, achievementProblem } from './achievement';
import type { AchievementCelebrated } from './celebration.events';
import type { Celebration } from './celebration.state';
import { wallsOf } from './celebration.walls';

/**
 * What the directory knows of the achievement's goal (or, for a streak, its person): who owned
 * it that day, its titles, whether it is private. The directory may lag the source topic: a
 * 404 is retried by the consumer, never a celebration without its walls.
 */
export type CelebrationFacts = Readonly<{
  subject:
    | 'no-objective'
    | 'no-key-result'
    | 'no-person'
    | Readonly<{
        owner: GoalOwner;
        private: boolean;
        objectiveTitle?: string;
        keyResultTitle?: string;
      }>;
  /** The organisation's streak milestones in weeks (the settings stream). */
  streakMilestones: readonly number[];
}>;

export type CelebrateAchievement = Command<
  'CelebrateAchievement',
  { achievement: Achievement; at: string },
  CelebrationFacts
>;

const notFound = (facts: CelebrationFacts['subject'], achievement: Achievement): NotFound => {
  const objectiveId = 'objectiveId' in achievement ? achievement.objectiveId : '';
  if (facts === 'no-key-result' && achievement.kind === 'key-result-achieved') {
    return keyResultNotFound(objectiveId, achievement.keyResultId);
  }
  if (facts === 'no-person' && achievement.kind === 'streak-milestone') {
    return new NotFound(`Person ${achievement.personId} not found`);
  }
  return objectiveNotFound(objectiveId);
};

/** A cycle's close celebrates its successes only; a streak only at a milestone of the day. */
const deservesCelebration = (achievement: Achievement, facts: CelebrationFacts): boolean => {
  switch (achievement.kind) {
    case 'objective-scored':
      return achievement.success;
    case 'streak-milestone':
      return facts.streakMilestones.includes(achievement.weeks);
    default:
      return true;
  }
};

/**
 * Automatic work only: the consumers of the goals and checkins topics celebrate, exactly once
 * per achievement however often the message comes (its key is the stream).
 */
export const celebrateAchievement = (
  command: CelebrateAchievement,
  state: Celebration,
): AchievementCelebrated[] => {
  const { data, actor, facts } = command;
  if (typeof facts.subject === 'string') throw notFound(facts.subject, data.achievement);
  if (!isSystem(actor)) {
    throw new Forbidden('Celebrations are automatic: no person can celebrate an achievement');
  }
  rejectInvalid({ achievement: achievementProblem(data.achievement), at: instantProblem(data.at) });
  if (state.status === 'celebrated') return [];
  if (!deservesCelebration(data.achievement, facts)) return [];
  const { owner, objectiveTitle, keyResultTitle } = facts.subject;
  return [
    {
      type: 'AchievementCelebrated',
      data: {
        achievementKey: achievementKey(data.achievement),
        achievement: data.achievement,
        owner,
        walls: wallsOf(owner),
        visibility: facts.subject.private ? 'private' : 'public',
        ...(objectiveTitle === undefined ? {} : { objectiveTitle }),
        ...(keyResultTitle === undefined ? {} : { keyResultTitle }),
        celebratedAt: utc(data.at),
      },
    },
  ];
};
