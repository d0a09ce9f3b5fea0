import type { DirectoryCycle, DirectoryObjective } from '@rhythm/goals-directory';
import type { OrgDirectoryReader } from '@rhythm/org-directory';
import type { Unit } from '@rhythm/recognition-domain';

export type {
  DirectoryCycle,
  DirectoryKeyResult,
  DirectoryObjective,
} from '@rhythm/goals-directory';
export type { DirectoryPerson as OrgPerson, DirectoryUnit as OrgUnit } from '@rhythm/org-directory';

/** What the recognition service knows of the organisation today: its read model of the org topic. */
export type OrgKnowledge = Pick<OrgDirectoryReader, 'person' | 'unit' | 'people' | 'labelsOf'>;

/** What it knows of goals: its read model of the goals topic (titles, owners, achievements). */
export interface GoalsKnowledge {
  objective(tenantId: string, objectiveId: string): Promise<DirectoryObjective | undefined>;
  cycle(tenantId: string, cycleId: string): Promise<DirectoryCycle | undefined>;
}

/**
 * What the organisation looked like at a past instant, from the org topic's history (issue 10,
 * item 5): the recognition flow counts a kudos by the units its people belonged to that day, not
 * by today's org.
 */
export interface MembershipHistory {
  /**
   * The squad, chapter, guilds and tribe(s) each person belonged to at `at` (ISO instant);
   * a person unknown then, or forgotten (erased), has no entry.
   */
  unitsAt(
    tenantId: string,
    personIds: readonly string[],
    at: string,
  ): Promise<ReadonlyMap<string, readonly Unit[]>>;
  /** The tribe a squad or chapter belonged to at `at`; a tribe is its own; else undefined. */
  tribeOfAt(tenantId: string, unit: Unit, at: string): Promise<string | undefined>;
}

export const ORG_KNOWLEDGE = Symbol('OrgKnowledge');
export const GOALS_KNOWLEDGE = Symbol('GoalsKnowledge');
export const MEMBERSHIP_HISTORY = Symbol('MembershipHistory');
