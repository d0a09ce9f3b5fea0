import {
  achievementCelebratedV1,
  kudosGivenV1,
  kudosWithdrawnV1,
  storyPublishedV1,
  storyWithdrawnV1,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import { assertNever, type RecordedEvent } from '@rhythm/event-sourcing';
import type {
  Achievement,
  CelebrationEvent,
  GiverEvent,
  KudosEvent,
  KudosSubject,
  RecognitionSettingsEvent,
  StoryEvent,
  StorySubject,
} from './recognition-domain';

export type RecognitionEvent =
  KudosEvent | GiverEvent | CelebrationEvent | StoryEvent | RecognitionSettingsEvent;

const reference = (subject: KudosSubject | StorySubject) => ({ ...subject });

/** The ids an achievement names, flat, as the contract carries them. */
const achievementIds = (achievement: Achievement) => {
  switch (achievement.kind) {
    case 'key-result-achieved':
      return {
        cycleId: achievement.cycleId,
        objectiveId: achievement.objectiveId,
        keyResultId: achievement.keyResultId,
      };
    case 'objective-achieved':
    case 'objective-scored':
      return { cycleId: achievement.cycleId, objectiveId: achievement.objectiveId };
    case 'blocker-resolved':
      return { objectiveId: achievement.objectiveId, blockerId: achievement.blockerId };
    case 'streak-milestone':
      return { personId: achievement.personId, weeks: achievement.weeks };
    default:
      return assertNever(achievement);
  }
};

/**
 * Domain events are the recognition context's private language; integration events are its
 * public, versioned promise (libs/contracts/src/recognition, ADR 0049). This is the one place
 * where the first becomes the second, for the relay (undefined: not published). Ids and counts
 * only: messages, comments, story texts and reasons stay inside; so do reactions, drafts, the
 * giver's allowance and the settings.
 */
export const toRecognitionIntegrationEvent = (
  recorded: RecordedEvent<RecognitionEvent>,
): IntegrationEnvelope | undefined => {
  const event = recorded as RecognitionEvent & RecordedEvent;
  switch (event.type) {
    case 'KudosGiven': {
      const { data } = event;
      return kudosGivenV1.envelope(recorded, {
        kudosId: data.kudosId,
        giverId: data.giverId,
        receiverIds: [...data.to.personIds],
        ...(data.to.unit === undefined ? {} : { unit: { ...data.to.unit } }),
        values: [...data.values],
        ...(data.about === undefined ? {} : { about: reference(data.about) }),
        audience: data.audience,
        givenAt: data.givenAt,
      });
    }
    case 'KudosWithdrawn':
      return kudosWithdrawnV1.envelope(recorded, { ...event.data });
    case 'AchievementCelebrated': {
      const { data } = event;
      return achievementCelebratedV1.envelope(recorded, {
        achievementKey: data.achievementKey,
        kind: data.achievement.kind,
        ...achievementIds(data.achievement),
        walls: data.walls.map((wall) => ({ ...wall })),
        visibility: data.visibility,
        celebratedAt: data.celebratedAt,
      });
    }
    case 'StoryPublished': {
      const { data } = event;
      return storyPublishedV1.envelope(recorded, {
        storyId: data.storyId,
        kind: data.kind,
        about: reference(data.about),
        ...(data.unit === undefined ? {} : { unit: { ...data.unit } }),
        authorId: data.authorId,
        publishedBy: data.publishedBy,
        helperIds: [...data.helpedBy.personIds],
        helperUnits: data.helpedBy.units.map((unit) => ({ ...unit })),
        publishedAt: data.publishedAt,
      });
    }
    case 'StoryWithdrawn':
      return storyWithdrawnV1.envelope(recorded, {
        storyId: event.data.storyId,
        withdrawnBy: event.data.withdrawnBy,
        withdrawnAt: event.data.withdrawnAt,
      });
    case 'KudosReactionAdded':
    case 'KudosReactionRemoved':
    case 'KudosCommented':
    case 'KudosAllowanceUsed':
    case 'StoryDrafted':
    case 'StoryRevised':
    case 'KudosValuesSet':
    case 'StreakMilestonesSet':
    case 'KudosLimitSet':
      return undefined;
    default:
      return assertNever(event);
  }
};
