import type { RecordedEvent } from '@rhythm/event-sourcing';
import { defineProjection } from '@rhythm/projections';
import type { Achievement, CelebrationEvent, GoalOwner, Unit } from '@rhythm/recognition-domain';

/** One celebration: what was achieved, by whom, on which walls, and the titles of the day. */
export type CelebrationDocument = {
  _id: string;
  tenantId: string;
  achievementKey: string;
  achievement: Achievement;
  owner: GoalOwner;
  walls: Unit[];
  visibility: 'public' | 'private';
  /** The objective celebrated (none for a streak): its visibility rule hides a private one. */
  objectiveId?: string;
  objectiveTitle?: string;
  keyResultTitle?: string;
  celebratedAt: string;
};

/** The objective an achievement belongs to, if any: what the visibility rule asks about. */
export const objectiveOfAchievement = (achievement: Achievement): string | undefined =>
  achievement.kind === 'streak-milestone' ? undefined : achievement.objectiveId;

/** Celebrations from their streams (`celebration-`), one per achievement: 'stream' guards it. */
export const celebrationsProjection = defineProjection({
  name: 'recognition_celebrations',
  version: 1,
  handles: ['AchievementCelebrated'],
  streamPrefixes: ['celebration-'],
  collections: [{ name: 'recognition_celebrations', guard: 'stream' }],
  apply: (event: RecordedEvent<CelebrationEvent>, context) => {
    const { data } = event;
    const objectiveId = objectiveOfAchievement(data.achievement);
    context.upsert('recognition_celebrations', data.achievementKey, {
      $set: {
        achievementKey: data.achievementKey,
        achievement: data.achievement,
        owner: data.owner,
        walls: [...data.walls],
        visibility: data.visibility,
        ...(objectiveId === undefined ? {} : { objectiveId }),
        ...(data.objectiveTitle === undefined ? {} : { objectiveTitle: data.objectiveTitle }),
        ...(data.keyResultTitle === undefined ? {} : { keyResultTitle: data.keyResultTitle }),
        celebratedAt: data.celebratedAt,
      },
    });
  },
});
