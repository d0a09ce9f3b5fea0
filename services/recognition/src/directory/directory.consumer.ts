import { Controller, Inject, type Type } from '@nestjs/common';
import type { IntegrationEnvelope } from '@rhythm/contracts';
import type { GoalsDirectoryProjector } from '@rhythm/goals-directory';
import { IntegrationEventHandler } from '@rhythm/messaging';
import type { OrgDirectoryProjector } from '@rhythm/org-directory';
import { AchievementCelebrations } from '../application/celebrations/achievement-celebrations';
import { LessonsLearned } from '../application/celebrations/lessons-learned';
import type { MembershipHistoryProjector } from './membership-history.projector';

/** The inbox's names for these effects: renaming one would apply every retained event again. */
export const directoryInboxConsumers = {
  org: 'recognition.org-directory',
  goals: 'recognition.goals-directory',
  checkins: 'recognition.checkins',
} as const;

export const ORG_DIRECTORY_PROJECTOR = Symbol('OrgDirectoryProjector');
export const GOALS_DIRECTORY_PROJECTOR = Symbol('GoalsDirectoryProjector');
export const MEMBERSHIP_HISTORY_PROJECTOR = Symbol('MembershipHistoryProjector');

export type DirectoryTopics = Readonly<{
  ORG_EVENTS_TOPIC: string;
  GOALS_EVENTS_TOPIC: string;
  CHECKINS_EVENTS_TOPIC: string;
}>;

/**
 * The handlers of the org, goals and checkins topics on the Nest Kafka transport (ADR 0037's
 * way; a handler's topic is fixed when its class is declared, hence a class made per set of
 * topics). The inbox before each validates the contract, drops what it handled (by event id),
 * retries and dead-letters. A goals event is folded into the directory before it is celebrated:
 * its objective's creation came before it on the same partition (ADR 0046).
 */
export const directoryConsumer = (topics: DirectoryTopics): Type<unknown> => {
  @Controller()
  class DirectoryConsumer {
    constructor(
      @Inject(ORG_DIRECTORY_PROJECTOR) private readonly org: OrgDirectoryProjector,
      @Inject(MEMBERSHIP_HISTORY_PROJECTOR) private readonly history: MembershipHistoryProjector,
      @Inject(GOALS_DIRECTORY_PROJECTOR) private readonly goals: GoalsDirectoryProjector,
      @Inject(AchievementCelebrations) private readonly celebrations: AchievementCelebrations,
      @Inject(LessonsLearned) private readonly lessons: LessonsLearned,
    ) {}

    @IntegrationEventHandler(topics.ORG_EVENTS_TOPIC, { consumer: directoryInboxConsumers.org })
    async onOrgEvent(event: IntegrationEnvelope): Promise<void> {
      await this.org.apply(event);
      // From the events the org directory keeps: it must have kept this one first.
      await this.history.apply(event);
    }

    @IntegrationEventHandler(topics.GOALS_EVENTS_TOPIC, { consumer: directoryInboxConsumers.goals })
    async onGoalsEvent(event: IntegrationEnvelope): Promise<void> {
      await this.goals.apply(event);
      await this.celebrations.onGoalsEvent(event);
      await this.lessons.onGoalsEvent(event);
    }

    @IntegrationEventHandler(topics.CHECKINS_EVENTS_TOPIC, {
      consumer: directoryInboxConsumers.checkins,
    })
    onCheckinsEvent(event: IntegrationEnvelope): Promise<void> {
      return this.celebrations.onCheckinsEvent(event);
    }
  }
  return DirectoryConsumer;
};
