import { Inject, Injectable } from '@nestjs/common';
import { LeasedSchedule, postgresLease } from '@rhythm/coordination';
import { CommandHandler, type Clock, type EventStore } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import { noted, ServiceLogger, type BackgroundWork, type HealthCheck } from '@rhythm/operability';
import { TenantId } from '@rhythm/projections';
import { randomUUID } from 'node:crypto';
import { BlockerCommandHandlers } from '../application/blockers/blocker-command.handlers';
import { CheckinsFacts } from '../application/checkins-facts';
import type { CheckinsConfiguration } from '../checkins-configuration';
import {
  cadenceDecider,
  checkinsStreams,
  type SweptKeyResult,
  type Unit,
} from '../checkins-domain';
import { GoalsDirectoryReader } from '@rhythm/goals-directory';
import {
  CHECKINS_CLOCK,
  CHECKINS_CONFIGURATION,
  CHECKINS_EVENT_STORE,
} from '../infrastructure/checkins-tokens';
import { CheckinsReadModels } from '../read-models/checkins-read-models';

/** The scheduler acts as a system actor: no person id holds a `:` (ADR 0026). */
export const schedulerActorId = 'system:cadence-scheduler';

const handleCadence = CommandHandler(cadenceDecider);
const unitKey = (unit: Unit) => `${unit.kind}:${unit.id}`;

/**
 * Time as an input to the domain (issue 9, item 6): every CHECKINS_SWEEP_INTERVAL_MS, on the one
 * replica that holds the lease `scheduler:checkins-cadence`, each unit's key results are swept
 * (`SweepCadence`: overdue, then the lead, then the next lead up) and every open blocker whose
 * deadline passed is escalated. Both are idempotent in the domain, so a tick that repeats, or one
 * that catches up after the service was down over a weekend, adds only what is still missing.
 */
@Injectable()
export class CadenceScheduler implements BackgroundWork {
  readonly name = 'cadence-scheduler';
  private readonly schedule: LeasedSchedule;
  private lastTick: Readonly<{ at: string; units: number; events: number }> | undefined;

  constructor(
    @Inject(CHECKINS_CONFIGURATION) config: CheckinsConfiguration,
    @Inject(CHECKINS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKINS_CLOCK) private readonly clock: Clock,
    @Inject(GoalsDirectoryReader) private readonly goals: GoalsDirectoryReader,
    @Inject(CheckinsFacts) private readonly facts: CheckinsFacts,
    @Inject(CheckinsReadModels) private readonly readModels: CheckinsReadModels,
    @Inject(BlockerCommandHandlers) private readonly blockers: BlockerCommandHandlers,
    @Inject(ServiceLogger) private readonly logger: ServiceLogger,
  ) {
    this.schedule = new LeasedSchedule({
      lease: postgresLease({
        name: 'scheduler:checkins-cadence',
        connectionString: config.DATABASE_URL,
        logger: logger.pino,
      }),
      everyMs: config.CHECKINS_SWEEP_INTERVAL_MS,
      tick: async (signal) => {
        await this.tick(signal);
      },
      logger: logger.pino,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.schedule.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.schedule.stop();
  }

  drain(): Promise<void> {
    return this.schedule.stop();
  }

  healthCheck(): HealthCheck {
    return {
      name: this.name,
      check: () =>
        Promise.resolve(
          noted(
            `${this.schedule.lease.describe()}${
              this.lastTick
                ? `; last tick ${this.lastTick.at}: ${this.lastTick.units} units, ${this.lastTick.events} events`
                : ''
            }`,
          ),
        ),
    };
  }

  /** One round over every organisation; public so that a test can tick at a chosen time. */
  async tick(signal?: AbortSignal): Promise<Readonly<{ units: number; events: number }>> {
    let units = 0;
    let events = 0;
    for (const tenantId of await this.goals.tenants()) {
      if (signal?.aborted) break;
      const swept = await this.sweepTenant(tenantId, signal);
      units += swept.units;
      events += swept.events + (await this.escalateBlockers(tenantId));
    }
    this.lastTick = { at: this.clock.now().toISOString(), units, events };
    return { units, events };
  }

  private async sweepTenant(tenantId: string, signal?: AbortSignal) {
    const now = this.clock.now().toISOString();
    const objectives = await this.goals.runningObjectives(tenantId);
    const pulses = new Map(
      (
        await this.readModels.pulse.ofObjectives(
          TenantId.of(tenantId),
          objectives.map((objective) => objective.objectiveId),
        )
      ).map((pulse) => [`${pulse.objectiveId}.${pulse.keyResultId}`, pulse.lastCheckInAt]),
    );
    const absences = await this.readModels.absences.of(TenantId.of(tenantId), [
      ...new Set(objectives.flatMap((o) => o.keyResults.map((kr) => kr.ownerId))),
    ]);
    const byUnit = new Map<string, { unit: Unit; keyResults: SweptKeyResult[] }>();
    for (const objective of objectives) {
      for (const keyResult of objective.keyResults.filter((kr) => !kr.dropped)) {
        const unit = await this.facts.cadenceUnitOf(tenantId, objective, keyResult.ownerId);
        if (unit === undefined) continue;
        const entry = byUnit.get(unitKey(unit)) ?? { unit, keyResults: [] };
        const last = pulses.get(`${objective.objectiveId}.${keyResult.keyResultId}`);
        entry.keyResults.push({
          objectiveId: objective.objectiveId,
          keyResultId: keyResult.keyResultId,
          ownerId: keyResult.ownerId,
          since: keyResult.ownedSince,
          checkIns: last === undefined ? [] : [last],
          outOfOffice: absences.get(keyResult.ownerId) ?? [],
        });
        byUnit.set(unitKey(unit), entry);
      }
    }
    let events = 0;
    for (const { unit, keyResults } of byUnit.values()) {
      if (signal?.aborted) break;
      const [lead, above] = await Promise.all([
        this.facts.leadsOf(tenantId, unit),
        this.facts.above(tenantId, unit),
      ]);
      const result = await handleCadence(
        this.store,
        checkinsStreams.cadence(tenantId, unit.kind, unit.id),
        (state) =>
          cadenceDecider.decide(
            {
              type: 'SweepCadence',
              actor: { personId: schedulerActorId },
              data: { unit, now, keyResults },
              facts: {
                leads: {
                  lead,
                  // A guild's coordinators are its leads already: no one above them.
                  'next-lead': above === 'none' || unit.kind === 'guild' ? [] : above.leadIds,
                },
                defaultCadence: this.facts.defaultCadence(),
              },
            },
            state,
          ),
        { context: this.context(tenantId, now) },
      );
      events += result.newEvents.length;
    }
    return { units: byUnit.size, events };
  }

  private async escalateBlockers(tenantId: string): Promise<number> {
    const now = this.clock.now().toISOString();
    const due = await this.readModels.blockers.pastDeadline(TenantId.of(tenantId), now);
    let events = 0;
    for (const blocker of due) {
      try {
        const outcome = await this.blockers.escalate(this.systemActor(tenantId), blocker.blockerId);
        events += outcome.eventCount;
      } catch (error) {
        // A blocker that cannot be escalated (its guild dissolved, say) is logged; the others go on.
        this.logger.pino.warn(
          { err: error, tenantId, blockerId: blocker.blockerId },
          'blocker past its deadline not escalated',
        );
      }
    }
    return events;
  }

  private systemActor(tenantId: string): AuthenticatedActor {
    return { personId: schedulerActorId, tenantId, roles: [], correlationId: randomUUID() };
  }

  private context(tenantId: string, now: string) {
    return {
      tenantId,
      actor: schedulerActorId,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      now: new Date(now),
    };
  }
}
