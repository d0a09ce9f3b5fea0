/** The pure recognition domain: what the recognition application layer (next) and its tests use. */
export * from './actor';
export * from './command';
export * from './change';
export * from './directory-facts';
export * from './recognition-streams';
export { limits as inputLimits } from './input-rules';

export * from './kudos/kudos.decider';
export * from './kudos/kudos.events';
export * from './kudos/kudos.state';
export * from './kudos/kudos-reaction';
export * from './kudos/kudos-subject';
export * from './kudos/kudos-audience';
export type { GiveKudos, GiveKudosFacts } from './kudos/give-kudos.command';
export type { ReactToKudos } from './kudos/react-to-kudos.command';
export type { RemoveKudosReaction } from './kudos/remove-kudos-reaction.command';
export type { CommentOnKudos } from './kudos/comment-on-kudos.command';
export type { WithdrawKudos } from './kudos/withdraw-kudos.command';
export * from './kudos/giver.decider';
export * from './kudos/giver.events';
export * from './kudos/giver.state';
export type { UseKudosAllowance } from './kudos/use-kudos-allowance.command';

export * from './celebration/achievement';
export * from './celebration/celebration.decider';
export * from './celebration/celebration.events';
export * from './celebration/celebration.state';
export * from './celebration/celebration.texts';
export * from './celebration/celebration.walls';
export type {
  CelebrateAchievement,
  CelebrationFacts,
} from './celebration/celebrate-achievement.command';

export * from './story/story.decider';
export * from './story/story.events';
export * from './story/story.state';
export type { StoryFacts } from './story/story.rules';
export type { DraftStory, DraftStoryFacts } from './story/draft-story.command';
export type { ReviseStory } from './story/revise-story.command';
export type { PublishStory } from './story/publish-story.command';
export type { WithdrawStory } from './story/withdraw-story.command';
export { lessonsStoryId } from './story/draft-lessons-learned.command';
export type { DraftLessonsLearned, Retrospective } from './story/draft-lessons-learned.command';

export * from './streak/streak.decider';
export * from './streak/streak.events';
export * from './streak/streak.state';
export type { CountCheckInWeek } from './streak/count-check-in-week.command';

export * from './settings/recognition-settings';
export * from './settings/settings.events';

export * from './flow/recognition-flow';
