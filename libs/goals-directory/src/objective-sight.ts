import { setTimeout as sleep } from 'node:timers/promises';
import {
  asksOwnerTribe,
  mayView,
  type Owner,
  type Viewer,
  type VisibilitySubject,
} from '@rhythm/access-rules';
import type { DirectoryObjective } from './goals-directory.evolve';

const unitKinds = ['tribe', 'squad', 'chapter', 'guild'] as const;
type OwningUnit = Readonly<{ kind: (typeof unitKinds)[number]; id: string }>;

const isOwningUnit = (owner: Owner): owner is Owner & OwningUnit =>
  (unitKinds as readonly string[]).includes(owner.kind);

/** Who looks, in which organisation: what the rule needs of a query's or command's caller. */
export type Onlooker = Readonly<{ tenantId: string; viewer: Viewer }>;

/** What the sight reads: the service's own directories (never another service's store). */
export type SightSources = Readonly<{
  objective(tenantId: string, objectiveId: string): Promise<DirectoryObjective | undefined>;
  /** The owning unit's tribe, asked only when the rule needs it. */
  unit(tenantId: string, unit: OwningUnit): Promise<Readonly<{ tribeId?: string }> | undefined>;
}>;

const subjectOf = (objective: DirectoryObjective): VisibilitySubject => ({
  visibility: objective.visibility,
  owner: objective.owner,
  contributors: objective.contributorIds,
  keyResultOwners: objective.keyResults.filter((kr) => !kr.dropped).map((kr) => kr.ownerId),
});

/**
 * "Who may see an objective" (docs/security.md) over a service's goals and org directories, for
 * every service that consumes the goals topic: a private objective the caller may not see is, to
 * them, an objective that does not exist. Goals events arrive asynchronously: a command may name
 * an objective a moment after goals made it, so one unknown yet is waited for up to
 * `commandWaitMs` before it is called unknown; queries never wait.
 */
export class ObjectiveSight {
  constructor(
    private readonly sources: SightSources,
    private readonly commandWaitMs: number,
  ) {}

  /** Whether the onlooker may see the objective (the owning tribe asked only when it decides). */
  async mayView(onlooker: Onlooker, objective: DirectoryObjective): Promise<boolean> {
    const subject = subjectOf(objective);
    if (!asksOwnerTribe(onlooker.viewer, subject)) return mayView(onlooker.viewer, subject);
    const owningUnit = isOwningUnit(objective.owner)
      ? await this.sources.unit(onlooker.tenantId, objective.owner)
      : undefined;
    return mayView(onlooker.viewer, subject, owningUnit?.tribeId);
  }

  /** The objective if the onlooker may see it; `wait: false` for queries. */
  async visibleObjective(
    onlooker: Onlooker,
    objectiveId: string,
    options: Readonly<{ wait?: boolean }> = {},
  ): Promise<DirectoryObjective | undefined> {
    const objective = await this.awaitObjective(
      onlooker.tenantId,
      objectiveId,
      options.wait ?? true,
    );
    if (objective === undefined || !(await this.mayView(onlooker, objective))) return undefined;
    return objective;
  }

  private async awaitObjective(
    tenantId: string,
    objectiveId: string,
    wait: boolean,
  ): Promise<DirectoryObjective | undefined> {
    const deadline = Date.now() + (wait ? this.commandWaitMs : 0);
    for (let pause = 25; ; pause = Math.min(pause * 2, 250)) {
      const objective = await this.sources.objective(tenantId, objectiveId);
      if (objective !== undefined || Date.now() >= deadline) return objective;
      await sleep(pause);
    }
  }
}
