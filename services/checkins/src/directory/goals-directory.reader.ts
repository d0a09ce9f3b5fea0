import { TenantId } from '@rhythm/projections';
import type { GoalsKnowledge } from '../application/checkins-directory.port';
import type { DirectoryCycle, DirectoryObjective } from './goals-directory.evolve';
import type { GoalsDirectoryStore } from './goals-directory.store';

/** The goals directory as the application asks it (GOALS_KNOWLEDGE). */
export class GoalsDirectoryReader implements GoalsKnowledge {
  constructor(private readonly store: GoalsDirectoryStore) {}

  async objective(tenantId: string, objectiveId: string): Promise<DirectoryObjective | undefined> {
    return (await this.store.objective(TenantId.of(tenantId), objectiveId))?.record;
  }

  async cycle(tenantId: string, cycleId: string): Promise<DirectoryCycle | undefined> {
    return (await this.store.cycle(TenantId.of(tenantId), cycleId))?.record;
  }

  activeObjectives(tenantId: string): Promise<DirectoryObjective[]> {
    return this.store.activeObjectives(TenantId.of(tenantId));
  }

  objectivesWithKeyResultsOf(tenantId: string, personId: string): Promise<DirectoryObjective[]> {
    return this.store.objectivesWithKeyResultsOf(TenantId.of(tenantId), personId);
  }

  tenants(): Promise<string[]> {
    return this.store.tenants();
  }
}
