import type { OrgDirectoryReader } from '@rhythm/org-directory';
import type { DirectoryCycle, DirectoryObjective } from '@rhythm/goals-directory';

export type {
  DirectoryCycle,
  DirectoryKeyResult,
  DirectoryObjective,
} from '@rhythm/goals-directory';

/** What the checkins service knows of the organisation: its read model of the org topic. */
export type OrgKnowledge = Pick<OrgDirectoryReader, 'person' | 'unit' | 'people'>;
export type { DirectoryPerson as OrgPerson, DirectoryUnit as OrgUnit } from '@rhythm/org-directory';

/** What it knows of goals: its read model of the goals topic. */
export interface GoalsKnowledge {
  objective(tenantId: string, objectiveId: string): Promise<DirectoryObjective | undefined>;
  cycle(tenantId: string, cycleId: string): Promise<DirectoryCycle | undefined>;
}

export const ORG_KNOWLEDGE = Symbol('OrgKnowledge');
export const GOALS_KNOWLEDGE = Symbol('GoalsKnowledge');
