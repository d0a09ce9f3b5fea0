import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type CommandContext, type EventStore } from '@rhythm/event-sourcing';
import { goalsStreams, objectiveDecider, type Actor } from '../../goals-domain';
import { GOALS_EVENT_STORE } from '../../infrastructure/goals-tokens';
import { GoalsFactsReader } from '../goals-facts.reader';

/** Automatic work acts as a system actor with admin rights (see the domain's Actor). */
export const cycleCloseActor: Actor = { personId: 'system:cycle-close', isAdmin: true, leads: [] };

const handle = CommandHandler(objectiveDecider);

/**
 * The cycle-close process: once a cycle is closed, every active objective of it is scored under
 * the rule the cycle closed with (ScoreObjective). Scoring is idempotent, so running the process
 * again after an interruption scores only what is left.
 */
@Injectable()
export class CycleCloseProcess {
  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    private readonly facts: GoalsFactsReader,
  ) {}

  /** Scores the cycle's active objectives; returns how many were scored now. */
  async scoreCycle(tenantId: string, cycleId: string, cause: CommandContext): Promise<number> {
    const cycle = await this.facts.cycle(tenantId, cycleId);
    if (cycle.status !== 'closed') return 0;
    const context: CommandContext = { ...cause, actor: cycleCloseActor.personId };
    let scored = 0;
    for (const objectiveId of await this.objectivesOf(tenantId, cycleId)) {
      const { newEvents } = await handle(
        this.store,
        goalsStreams.objective(tenantId, objectiveId),
        // Drafts, abandoned and already scored objectives are left as they are.
        (objective) =>
          objective.status !== 'active'
            ? []
            : objectiveDecider.decide(
                {
                  type: 'ScoreObjective',
                  actor: cycleCloseActor,
                  data: { objectiveId },
                  facts: { cycle: cycle.status, scoringRule: cycle.scoringRule },
                },
                objective,
              ),
        { context },
      );
      scored += newEvents.length > 0 ? 1 : 0;
    }
    return scored;
  }

  /** Objectives defined in the cycle, from the tenant's objective streams. */
  private async objectivesOf(tenantId: string, cycleId: string): Promise<string[]> {
    const found: string[] = [];
    const prefix = goalsStreams.objective(tenantId, '');
    for await (const event of this.store.readAll({ streamPrefixes: [prefix] })) {
      if (
        event.type === 'ObjectiveDefined' &&
        event.streamId.startsWith(prefix) &&
        (event.data as { cycleId?: unknown }).cycleId === cycleId
      ) {
        found.push((event.data as { objectiveId: string }).objectiveId);
      }
    }
    return found;
  }
}
