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
   * a person unknown then has no entry. `awaitKnown`: see `HistoryLookup`.
   */
  unitsAt(
    tenantId: string,
    personIds: readonly string[],
    at: string,
    lookup?: HistoryLookup,
  ): Promise<ReadonlyMap<string, readonly Unit[]>>;
  /** The tribe a squad or chapter belonged to at `at`; a tribe is its own; else undefined. */
  tribeOfAt(
    tenantId: string,
    unit: Unit,
    at: string,
    lookup?: HistoryLookup,
  ): Promise<string | undefined>;
}

/**
 * For the projections: a person or unit a recognition event names was known to the directory
 * when the command was decided, so a history that has never seen them is behind (a read store
 * rebuilt from the topics, a directory catching up). `awaitKnownMs`: how long to wait for them
 * before `MembershipNotKnown` (the projection parks the event; `npm run parked` replays it).
 */
export type HistoryLookup = Readonly<{ awaitKnownMs?: number }>;

export class MembershipNotKnown extends Error {
  constructor(tenantId: string, subjects: readonly string[]) {
    super(
      `The membership history of ${tenantId} does not know ${subjects.join(', ')} yet: the directory is behind the org topic`,
    );
    this.name = 'MembershipNotKnown';
  }
}

export const ORG_KNOWLEDGE = Symbol('OrgKnowledge');
export const GOALS_KNOWLEDGE = Symbol('GoalsKnowledge');
export const MEMBERSHIP_HISTORY = Symbol('MembershipHistory');
