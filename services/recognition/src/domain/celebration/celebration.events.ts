import type { Event } from '@rhythm/event-sourcing';
import type { GoalOwner, Unit } from '../directory-facts';
import type { Achievement } from './achievement';

/**
 * An achievement celebrated, once (stream `celebration-<tenant>:<achievementKey>`, ADR 0042).
 * The walls and the goal's titles are those of the day: a squad that moves to another tribe
 * later leaves its celebrations where they were. Texts are not stored: they are read in the
 * reader's language from the catalogue (celebration.texts.ts).
 */
export type AchievementCelebrated = Event<
  'AchievementCelebrated',
  {
    achievementKey: string;
    achievement: Achievement;
    owner: GoalOwner;
    walls: readonly Unit[];
    /** A private objective's celebration is seen only by those who may see the objective. */
    visibility: 'public' | 'private';
    objectiveTitle?: string;
    keyResultTitle?: string;
    /** When the achievement happened (the source event's time), so a replay writes the same. */
    celebratedAt: string;
  }
>;

export type CelebrationEvent = AchievementCelebrated;
