import { TenantId } from '@rhythm/projections';
import type { DirectoryCycle, DirectoryObjective } from './goals-directory.evolve';
import type { GoalsDirectoryStore } from './goals-directory.store';

/** The goals directory as a service's application asks it (its GOALS_KNOWLEDGE). */
export class GoalsDirectoryReader {
  constructor(private readonly store: GoalsDirectoryStore) {}

  async objective(tenantId: string, objectiveId: string): Promise<DirectoryObjective | undefined> {
    return (await this.store.objective(TenantId.of(tenantId), objectiveId))?.record;
  }

  async cycle(tenantId: string, cycleId: string): Promise<DirectoryCycle | undefined> {
    return (await this.store.cycle(TenantId.of(tenantId), cycleId))?.record;
  }

  /** Active objectives, of any cycle (a closed cycle's stay active: the statistics read them). */
  activeObjectives(tenantId: string): Promise<DirectoryObjective[]> {
    return this.store.activeObjectives(TenantId.of(tenantId));
  }

  /** Active objectives, of any cycle, with a key result the person owns. */
  objectivesWithKeyResultsOf(tenantId: string, personId: string): Promise<DirectoryObjective[]> {
    return this.store.objectivesWithKeyResultsOf(TenantId.of(tenantId), personId);
  }

  /** Every objective of a cycle, whatever its status (lessons learned at its close). */
  objectivesOfCycle(tenantId: string, cycleId: string): Promise<DirectoryObjective[]> {
    return this.store.objectivesOfCycle(TenantId.of(tenantId), cycleId);
  }

  /** Active objectives a unit owns or, for a guild, follows: a unit's feed. */
  activeObjectivesOfUnit(
    tenantId: string,
    unit: Readonly<{ kind: string; id: string }>,
  ): Promise<DirectoryObjective[]> {
    return this.store.activeObjectivesOfUnit(TenantId.of(tenantId), unit);
  }

  /**
   * Active objectives of a running cycle (active or in review): what check-ins are owed on. A
   * closed cycle's objectives stay `active` in goals, but nobody owes them a check-in any more.
   */
  async runningObjectives(tenantId: string): Promise<DirectoryObjective[]> {
    return this.running(tenantId, await this.activeObjectives(tenantId));
  }

  /** The running objectives with a key result the person owns: what they owe check-ins on. */
  async runningObjectivesWithKeyResultsOf(
    tenantId: string,
    personId: string,
  ): Promise<DirectoryObjective[]> {
    return this.running(tenantId, await this.objectivesWithKeyResultsOf(tenantId, personId));
  }

  private async running(
    tenantId: string,
    objectives: readonly DirectoryObjective[],
  ): Promise<DirectoryObjective[]> {
    const cycleIds = [...new Set(objectives.map((objective) => objective.cycleId))];
    const cycles = await Promise.all(cycleIds.map((cycleId) => this.cycle(tenantId, cycleId)));
    const running = new Set(
      cycles
        .filter((cycle) => cycle?.status === 'active' || cycle?.status === 'review')
        .map((cycle) => cycle!.cycleId),
    );
    return objectives.filter((objective) => running.has(objective.cycleId));
  }

  tenants(): Promise<string[]> {
    return this.store.tenants();
  }
}
