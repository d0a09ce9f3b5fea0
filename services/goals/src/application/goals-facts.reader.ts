import { Inject, Injectable } from '@nestjs/common';
import { aggregateStream, NotFound, type EventStore } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import {
  cycleDecider,
  describeOwner,
  goalsStreams,
  type Actor,
  type AlignmentGraph,
  type CycleStanding,
  type CycleState,
  type ObjectiveState,
  type Owner,
} from '../goals-domain';
import type { GoalsConfiguration } from '../goals-configuration';
import { GOALS_CONFIGURATION, GOALS_EVENT_STORE } from '../infrastructure/goals-tokens';
import { ObjectiveSnapshots } from './objective-snapshots';
import { ORG_DIRECTORY, type OrgDirectory } from './org-directory.port';
import { VisibilityGate, type Reader } from './visibility/visibility.gate';

/**
 * The facts a goals command needs beyond its own aggregate. Goals facts (a cycle's status, an
 * objective's owner, the alignment above a parent) are folded straight from their streams:
 * consistent as of the read, never behind a projection. Org facts come from the org directory,
 * the goals service's own read model of the org topic (ADR 0021).
 */
@Injectable()
export class GoalsFactsReader {
  constructor(
    @Inject(GOALS_EVENT_STORE) private readonly store: EventStore,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(GOALS_CONFIGURATION) private readonly config: GoalsConfiguration,
    private readonly visibility: VisibilityGate,
    private readonly snapshots: ObjectiveSnapshots,
  ) {}

  /** The person behind the request as the deciders see them: the units they lead, admin or not. */
  actor(issuer: AuthenticatedActor): Promise<Actor> {
    return this.directory.actorFor(issuer.tenantId, issuer.personId, issuer.roles);
  }

  async cycle(tenantId: string, cycleId: string): Promise<CycleState> {
    const stream = goalsStreams.cycle(tenantId, cycleId);
    return (await aggregateStream(this.store, stream, cycleDecider)).state;
  }

  async cycleStanding(tenantId: string, cycleId: string): Promise<CycleStanding> {
    return (await this.cycle(tenantId, cycleId)).status;
  }

  /** From its latest snapshot and the events after it (ADR 0045). */
  async objective(tenantId: string, objectiveId: string): Promise<ObjectiveState> {
    const stream = goalsStreams.objective(tenantId, objectiveId);
    return (await this.snapshots.load(tenantId, stream)).state;
  }

  /**
   * An objective reached through another (the parent of an alignment, the objective a key result
   * is proposed for or an ambition is linked to), as the reader knows it: one they may not see is
   * missing to them (ADR 0030).
   */
  async objectiveSeenBy(reader: Reader, objectiveId: string): Promise<ObjectiveState> {
    return this.visibility.reached(reader, await this.objective(reader.tenantId, objectiveId));
  }

  /**
   * The alignment above an objective as the reader sees it: it and every objective it contributes
   * to, directly or not, each with its parents, through objectives the reader may see only.
   * Enough to refuse an alignment that would close a loop they could know of; a loop through an
   * objective hidden from them is not refused, since refusing would reveal it (the read side
   * tolerates loops, ADR 0020).
   */
  async alignmentAbove(reader: Reader, objectiveId: string): Promise<AlignmentGraph> {
    const graph: Record<string, readonly string[]> = {};
    const queue = [objectiveId];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      if (Object.hasOwn(graph, current)) continue;
      const state = await this.objectiveSeenBy(reader, current);
      graph[current] = state.status === 'none' ? [] : state.parents;
      queue.push(...graph[current]);
    }
    return graph;
  }

  /**
   * Org events arrive asynchronously: an owner the directory has not seen yet is waited for
   * (GOALS_ORG_WAIT_MS), then reported as not found, naming it.
   */
  async requireOwner(tenantId: string, owner: Owner): Promise<void> {
    if (await this.ownerKnown(tenantId, owner)) return;
    throw new NotFound(`${capitalised(describeOwner(owner))} not found in this organisation`);
  }

  ownerKnown(tenantId: string, owner: Owner): Promise<boolean> {
    return this.directory.awaitOwner(tenantId, owner, this.config.GOALS_ORG_WAIT_MS);
  }

  requirePerson(tenantId: string, personId: string): Promise<void> {
    return this.requireOwner(tenantId, { kind: 'person', id: personId.trim() });
  }

  /** People among these the directory does not know (after waiting for them). */
  async unknownPeople(tenantId: string, personIds: readonly string[]): Promise<string[]> {
    const distinct = [...new Set(personIds.map((id) => id.trim()))];
    const known = await Promise.all(
      distinct.map((id) => this.ownerKnown(tenantId, { kind: 'person', id })),
    );
    return distinct.filter((_, index) => !known[index]);
  }
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
