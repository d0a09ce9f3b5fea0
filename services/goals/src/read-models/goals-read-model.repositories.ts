import {
  ReadModelCollections,
  TenantScopedRepository,
  type TenantFilter,
  type TenantId,
} from '@rhythm/projections';
import type { Connection } from 'mongoose';
import type { Owner } from '@rhythm/goals-domain';
import { ambitionsProjection, type AmbitionDocument } from './ambitions.projection';
import { cyclesProjection, type CycleDocument } from './cycles.projection';
import { objectiveCardsProjection, type ObjectiveCardDocument } from './objective-cards.projection';
import { proposalsProjection, type ProposalDocument } from './proposals.projection';
import { ownerKey } from './read-model-keys';

/** The order MongoDB sorts strings in (a binary comparison, not the locale's). */
const byCodePoints = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order every list names objectives in: by definition, then id (as MongoDB compares). */
const inDefinitionOrder = (a: ObjectiveCardDocument, b: ObjectiveCardDocument): number =>
  byCodePoints(a.definedAt, b.definedAt) || byCodePoints(a.objectiveId, b.objectiveId);

/**
 * The objective cards (ADR 0043): the tree reads a cycle's; a unit's and a person's lists find the
 * cycles their objectives are in and read those, so that alignment and roll-up are the cycle's.
 */
export class ObjectiveCardsRepository extends TenantScopedRepository<
  ObjectiveCardDocument,
  'goals_objective_cards'
> {
  constructor(collections: ReadModelCollections<'goals_objective_cards'>) {
    super(collections, 'goals_objective_cards');
  }

  /** Every card of these cycles, in the order their objectives were defined. */
  async ofCycles(
    tenantId: TenantId,
    cycleIds: readonly string[],
  ): Promise<ObjectiveCardDocument[]> {
    const found =
      cycleIds.length === 1
        ? await this.find(tenantId, { cycleId: cycleIds[0] })
        : await this.findWhereIn(tenantId, 'cycleId', cycleIds);
    return found.sort(inDefinitionOrder);
  }

  /** The cards of these objectives (the ones that exist), in the order they were defined. */
  async some(
    tenantId: TenantId,
    objectiveIds: readonly string[],
  ): Promise<ObjectiveCardDocument[]> {
    return (await this.findWhereIn(tenantId, '_id', objectiveIds)).sort(inDefinitionOrder);
  }

  /** The cards of objectives this unit or person owns. */
  ofOwner(tenantId: TenantId, owner: Owner, cycleId?: string): Promise<ObjectiveCardDocument[]> {
    return this.find(tenantId, {
      ownerKey: ownerKey(owner),
      ...(cycleId === undefined ? {} : { cycleId }),
    });
  }

  /**
   * The cards a person is tied to: owned, with a key result of theirs, contributed to, or
   * followed by one of their guilds; one indexed equality each (FerretDB reads a whole tenant
   * for an `$or`).
   */
  async ofPerson(
    tenantId: TenantId,
    personId: string,
    guildIds: readonly string[],
    cycleId?: string,
  ): Promise<ObjectiveCardDocument[]> {
    const inCycle = cycleId === undefined ? {} : { cycleId };
    const found = await Promise.all([
      this.ofOwner(tenantId, { kind: 'person', id: personId }, cycleId),
      this.find(tenantId, { people: personId, ...inCycle }),
      this.findWhereIn(tenantId, 'followers', guildIds, inCycle),
    ]);
    return [...new Map(found.flat().map((card) => [card._id, card])).values()];
  }
}

export class CyclesRepository extends TenantScopedRepository<CycleDocument, 'goals_cycles'> {
  constructor(collections: ReadModelCollections<'goals_cycles'>) {
    super(collections, 'goals_cycles');
  }

  all(tenantId: TenantId): Promise<CycleDocument[]> {
    return this.find(tenantId, {}, { sort: { startsOn: -1, _id: 1 } });
  }

  cycle(tenantId: TenantId, cycleId: string): Promise<CycleDocument | null> {
    return this.findById(tenantId, cycleId);
  }
}

export class ProposalsRepository extends TenantScopedRepository<
  ProposalDocument,
  'goals_proposals'
> {
  constructor(collections: ReadModelCollections<'goals_proposals'>) {
    super(collections, 'goals_proposals');
  }

  proposal(tenantId: TenantId, proposalId: string): Promise<ProposalDocument | null> {
    return this.findById(tenantId, proposalId);
  }

  search(
    tenantId: TenantId,
    criteria: Readonly<{ unitKey?: string; cycleId?: string; status?: string }>,
  ): Promise<ProposalDocument[]> {
    const filter = Object.fromEntries(
      Object.entries(criteria).filter(([, value]) => value !== undefined),
    ) as TenantFilter<ProposalDocument>;
    return this.find(tenantId, filter, { sort: { proposedAt: -1, _id: 1 } });
  }
}

export class AmbitionsRepository extends TenantScopedRepository<
  AmbitionDocument,
  'goals_ambitions'
> {
  constructor(collections: ReadModelCollections<'goals_ambitions'>) {
    super(collections, 'goals_ambitions');
  }

  ofPerson(tenantId: TenantId, personId: string): Promise<AmbitionDocument[]> {
    return this.find(tenantId, { personId }, { sort: { recordedAt: 1, _id: 1 } });
  }
}

/** The repositories over the active generations of the goals projections. */
export const goalsRepositories = (connection: Connection) => {
  return {
    cards: new ObjectiveCardsRepository(
      new ReadModelCollections(connection, objectiveCardsProjection),
    ),
    cycles: new CyclesRepository(new ReadModelCollections(connection, cyclesProjection)),
    proposals: new ProposalsRepository(new ReadModelCollections(connection, proposalsProjection)),
    ambitions: new AmbitionsRepository(new ReadModelCollections(connection, ambitionsProjection)),
  };
};
