import { Controller, Inject, type Type } from '@nestjs/common';
import type { IntegrationEnvelope } from '@rhythm/contracts';
import { IntegrationEventHandler } from '@rhythm/messaging';
import type { OrgDirectoryProjector } from '@rhythm/org-directory';
import type { GoalsDirectoryProjector } from '@rhythm/goals-directory';

/** The inbox's names for these effects: renaming one would apply every retained event again. */
export const directoryInboxConsumers = {
  org: 'checkins.org-directory',
  goals: 'checkins.goals-directory',
} as const;

export const ORG_DIRECTORY_PROJECTOR = Symbol('OrgDirectoryProjector');
export const GOALS_DIRECTORY_PROJECTOR = Symbol('GoalsDirectoryProjector');

/**
 * The handlers of the org and goals topics on the Nest Kafka transport (ADR 0037's way): the
 * topics are configuration and a handler's topic is fixed when its class is declared, hence a
 * class made per pair of topics. The inbox before each validates the contract, drops what it
 * handled (by event id), retries and dead-letters.
 */
export const directoryConsumer = (orgTopic: string, goalsTopic: string): Type<unknown> => {
  @Controller()
  class DirectoryConsumer {
    constructor(
      @Inject(ORG_DIRECTORY_PROJECTOR) private readonly org: OrgDirectoryProjector,
      @Inject(GOALS_DIRECTORY_PROJECTOR) private readonly goals: GoalsDirectoryProjector,
    ) {}

    @IntegrationEventHandler(orgTopic, { consumer: directoryInboxConsumers.org })
    onOrgEvent(event: IntegrationEnvelope): Promise<void> {
      return this.org.apply(event);
    }

    @IntegrationEventHandler(goalsTopic, { consumer: directoryInboxConsumers.goals })
    onGoalsEvent(event: IntegrationEnvelope): Promise<void> {
      return this.goals.apply(event);
    }
  }
  return DirectoryConsumer;
};
