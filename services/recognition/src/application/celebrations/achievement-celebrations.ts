import { Inject, Injectable } from '@nestjs/common';
import {
  blockerResolvedV1,
  checkInRecordedV1,
  keyResultAchievedV1,
  objectiveAchievedV1,
  objectiveScoredV1,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import {
  aggregateStream,
  CommandHandler,
  type Clock,
  type CommandContext,
  type EventStore,
} from '@rhythm/event-sourcing';
import {
  RECOGNITION_CLOCK,
  RECOGNITION_EVENT_STORE,
} from '../../infrastructure/recognition-tokens';
import {
  achievementKey,
  celebrationDecider,
  objectiveNotFound,
  reachedWithin,
  recognitionSettingsDecider,
  recognitionStreams,
  runAround,
  streakDecider,
  streakStream,
  weekOf,
  type Achievement,
  type CelebrationFacts,
  type RecognitionSettings,
} from '../../recognition-domain';
import {
  GOALS_KNOWLEDGE,
  ORG_KNOWLEDGE,
  type DirectoryObjective,
  type GoalsKnowledge,
  type OrgKnowledge,
} from '../recognition-directory.port';
import { AchievementOwners } from './achievement-owners';
import { asDelivery } from './source-event';

/** Automatic work acts as a system actor (ADR 0042): no person id holds a `:`. */
export const celebrationsActor = { personId: 'system:recognition-celebrations' } as const;

const celebrate = CommandHandler(celebrationDecider);
const countWeek = CommandHandler(streakDecider);

/**
 * Turns what the goals and checkins topics announce into celebrations (issue 10, item 2): a key
 * result or an objective achieved, an objective scored a success at cycle close, a blocker
 * resolved, a check-in streak reaching a milestone. Each is decided against its achievement's
 * stream, so however often a message is delivered or replayed, it is celebrated once. Called by
 * the directory's consumer after the event is folded into the directory (ADR 0046).
 */
@Injectable()
export class AchievementCelebrations {
  constructor(
    @Inject(RECOGNITION_EVENT_STORE) private readonly store: EventStore,
    @Inject(RECOGNITION_CLOCK) private readonly clock: Clock,
    @Inject(GOALS_KNOWLEDGE) private readonly goals: GoalsKnowledge,
    @Inject(ORG_KNOWLEDGE) private readonly org: OrgKnowledge,
    @Inject(AchievementOwners) private readonly owners: AchievementOwners,
  ) {}

  async onGoalsEvent(event: IntegrationEnvelope): Promise<void> {
    if (keyResultAchievedV1.matches(event)) {
      const { objectiveId, keyResultId, value, target } = event.data;
      return this.celebrateGoal(event, objectiveId, keyResultId, (objective) => ({
        kind: 'key-result-achieved',
        cycleId: objective.cycleId,
        objectiveId,
        keyResultId,
        value,
        target,
      }));
    }
    if (objectiveAchievedV1.matches(event)) {
      const { objectiveId } = event.data;
      return this.celebrateGoal(event, objectiveId, undefined, (objective) => ({
        kind: 'objective-achieved',
        cycleId: objective.cycleId,
        objectiveId,
      }));
    }
    // A cycle's close celebrates its successes only; the rest is not an achievement.
    if (objectiveScoredV1.matches(event) && event.data.success) {
      const { objectiveId, score } = event.data;
      return this.celebrateGoal(event, objectiveId, undefined, (objective) => ({
        kind: 'objective-scored',
        cycleId: objective.cycleId,
        objectiveId,
        score,
        success: true,
      }));
    }
  }

  async onCheckinsEvent(event: IntegrationEnvelope): Promise<void> {
    if (blockerResolvedV1.matches(event)) {
      const { blockerId, objectiveId, keyResultId, resolvedBy } = event.data;
      return this.celebrateGoal(event, objectiveId, keyResultId, () => ({
        kind: 'blocker-resolved',
        objectiveId,
        blockerId,
        resolvedBy,
      }));
    }
    if (checkInRecordedV1.matches(event)) {
      const { authorId, checkInId, recordedAt } = event.data;
      return this.countStreak(event, authorId, checkInId, recordedAt);
    }
  }

  private async celebrateGoal(
    event: IntegrationEnvelope,
    objectiveId: string,
    keyResultId: string | undefined,
    achievementOf: (objective: DirectoryObjective) => Achievement,
  ): Promise<void> {
    const { tenantId } = event;
    const objective = await this.goals.objective(tenantId, objectiveId);
    // The directory lags the source (a blocker's topic, another partition): the consumer retries.
    if (objective === undefined) throw objectiveNotFound(objectiveId);
    const keyResult = objective.keyResults.find((kr) => kr.keyResultId === keyResultId);
    const subject: CelebrationFacts['subject'] =
      keyResultId !== undefined && keyResult === undefined
        ? 'no-key-result'
        : {
            owner: await this.owners.ownerOn(tenantId, objective.owner, event.occurredAt),
            private: objective.visibility === 'private',
            objectiveTitle: objective.title,
            ...(keyResult === undefined ? {} : { keyResultTitle: keyResult.title }),
          };
    const settings = await this.settingsOf(tenantId);
    return this.decide(event, achievementOf(objective), subject, settings, event.occurredAt);
  }

  /** `at`: when it was achieved (the source event's time), so a replay decides the same. */
  private async decide(
    event: IntegrationEnvelope,
    achievement: Achievement,
    subject: CelebrationFacts['subject'],
    settings: RecognitionSettings,
    at: string,
  ): Promise<void> {
    await asDelivery(() =>
      celebrate(
        this.store,
        recognitionStreams.celebration(event.tenantId, achievementKey(achievement)),
        (state) =>
          celebrationDecider.decide(
            {
              type: 'CelebrateAchievement',
              actor: celebrationsActor,
              data: { achievement, at },
              facts: { subject, streakMilestones: settings.streakMilestones },
            },
            state,
          ),
        { context: this.contextOf(event) },
      ),
    );
  }

  /**
   * A check-in counts its author's week on their streak stream; every milestone the run around
   * that week has reached is then celebrated (once each: its key is the stream), also when an
   * earlier delivery counted the week and stopped before celebrating.
   */
  private async countStreak(
    event: IntegrationEnvelope,
    personId: string,
    checkInId: string,
    recordedAt: string,
  ): Promise<void> {
    const { tenantId } = event;
    const settings = await this.settingsOf(tenantId);
    const stream = streakStream(tenantId, personId);
    const { newState } = await asDelivery(() =>
      countWeek(
        this.store,
        stream,
        (state) =>
          streakDecider.decide(
            {
              type: 'CountCheckInWeek',
              actor: celebrationsActor,
              data: { personId, checkInId, recordedAt },
              facts: { streakMilestones: settings.streakMilestones },
            },
            state,
          ),
        { context: this.contextOf(event) },
      ),
    );
    const reached = reachedWithin(newState, runAround(newState.weeks, weekOf(recordedAt)));
    if (reached.length === 0) return;
    const person = await this.org.person(tenantId, personId);
    const subject: CelebrationFacts['subject'] =
      person === undefined
        ? 'no-person'
        : { owner: await this.owners.personOn(tenantId, personId, recordedAt), private: false };
    for (const milestone of reached) {
      const achievement: Achievement = {
        kind: 'streak-milestone',
        personId,
        weeks: milestone.weeks,
        streakStartedOn: milestone.runStartedOn,
      };
      await this.decide(event, achievement, subject, settings, milestone.reachedAt);
    }
  }

  private async settingsOf(tenantId: string): Promise<RecognitionSettings> {
    return (
      await aggregateStream(
        this.store,
        recognitionStreams.settings(tenantId),
        recognitionSettingsDecider,
      )
    ).state;
  }

  private contextOf(event: IntegrationEnvelope): CommandContext {
    return {
      tenantId: event.tenantId,
      actor: celebrationsActor.personId,
      correlationId: event.correlationId,
      causationId: event.eventId,
      now: this.clock.now(),
    };
  }
}
