import { Inject, Injectable } from '@nestjs/common';
import {
  cycleClosedV1,
  retrospectiveRecordedV1,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import {
  CommandHandler,
  type Clock,
  type CommandContext,
  type EventStore,
} from '@rhythm/event-sourcing';
import { GoalsDirectoryReader, type DirectoryObjective } from '@rhythm/goals-directory';
import {
  RECOGNITION_CLOCK,
  RECOGNITION_EVENT_STORE,
} from '../../infrastructure/recognition-tokens';
import { lessonsStoryId, recognitionStreams, storyDecider } from '../../recognition-domain';
import { AchievementOwners } from './achievement-owners';
import { celebrationsActor } from './achievement-celebrations';
import { asDelivery } from './source-event';

const draft = CommandHandler(storyDecider);

/**
 * At cycle close each objective's retrospective becomes a lessons-learned draft its unit may
 * publish (issue 10, item 3; ADR 0046): once per objective, its story id following from the
 * objective. Both orders meet: the cycle's close drafts the retrospectives folded so far, a
 * retrospective folded after the close drafts itself. Each side folds before it looks, so at
 * least one sees the other; both drafting is one draft (the story stream is the idempotence).
 */
@Injectable()
export class LessonsLearned {
  constructor(
    @Inject(RECOGNITION_EVENT_STORE) private readonly store: EventStore,
    @Inject(RECOGNITION_CLOCK) private readonly clock: Clock,
    // The goals directory itself: it also answers a cycle's objectives.
    @Inject(GoalsDirectoryReader) private readonly goals: GoalsDirectoryReader,
    @Inject(AchievementOwners) private readonly owners: AchievementOwners,
  ) {}

  async onGoalsEvent(event: IntegrationEnvelope): Promise<void> {
    const { tenantId } = event;
    if (cycleClosedV1.matches(event)) {
      const objectives = await this.goals.objectivesOfCycle(tenantId, event.data.cycleId);
      for (const objective of objectives) await this.draftFrom(event, objective);
      return;
    }
    if (retrospectiveRecordedV1.matches(event)) {
      const objective = await this.goals.objective(tenantId, event.data.objectiveId);
      if (objective === undefined) return;
      const cycle = await this.goals.cycle(tenantId, objective.cycleId);
      if (cycle?.status === 'closed') await this.draftFrom(event, objective);
    }
  }

  private async draftFrom(event: IntegrationEnvelope, objective: DirectoryObjective) {
    const retrospective = objective.retrospective;
    // Nothing went well or nothing was learned: no lesson to share.
    if (retrospective === undefined) return;
    if (retrospective.wentWell.trim() === '' || retrospective.learned.trim() === '') return;
    const { tenantId } = event;
    const unit = await this.owners.unitOn(tenantId, objective.owner, event.occurredAt);
    const context: CommandContext = {
      tenantId,
      actor: celebrationsActor.personId,
      correlationId: event.correlationId,
      causationId: event.eventId,
      now: this.clock.now(),
    };
    await asDelivery(() =>
      draft(
        this.store,
        recognitionStreams.story(tenantId, lessonsStoryId(objective.objectiveId)),
        (state) =>
          storyDecider.decide(
            {
              type: 'DraftLessonsLearned',
              actor: celebrationsActor,
              data: {
                objectiveId: objective.objectiveId,
                retrospective,
                // The draft is dated by what caused it, so a replay decides the same.
                at: event.occurredAt,
              },
              facts: {
                objective: {
                  title: objective.title,
                  ...(unit === undefined ? {} : { unit }),
                },
              },
            },
            state,
          ),
        { context },
      ),
    );
  }
}
