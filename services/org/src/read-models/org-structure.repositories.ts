import { ReadModelCollections, TenantScopedRepository, type TenantId } from '@rhythm/projections';
import type { Connection } from 'mongoose';
import {
  orgStructureProjection,
  type OrgPersonDocument,
  type OrgUnitDocument,
  type OrgUnitKind,
} from './org-structure.projection';

type StructureCollection = 'org_units' | 'org_people';

export const orgStructureCollections = (connection: Connection) =>
  new ReadModelCollections<StructureCollection>(connection, orgStructureProjection);

export class OrgUnitsRepository extends TenantScopedRepository<
  OrgUnitDocument,
  StructureCollection
> {
  constructor(collections: ReadModelCollections<StructureCollection>) {
    super(collections, 'org_units');
  }

  /** Every unit still active, the organisation's own document included. */
  active(tenantId: TenantId): Promise<OrgUnitDocument[]> {
    return this.find(tenantId, { status: 'active' }, { sort: { name: 1 } });
  }

  activeOfTribe(tenantId: TenantId, tribeId: string): Promise<OrgUnitDocument[]> {
    return this.find(tenantId, { tribeId, status: 'active' });
  }

  async unit(tenantId: TenantId, kind: OrgUnitKind, id: string): Promise<OrgUnitDocument | null> {
    const found = await this.findById(tenantId, id);
    return found?.kind === kind ? found : null;
  }

  named(tenantId: TenantId, ids: readonly string[]): Promise<OrgUnitDocument[]> {
    return this.findWhereIn(tenantId, '_id', ids);
  }
}

export class OrgPeopleRepository extends TenantScopedRepository<
  OrgPersonDocument,
  StructureCollection
> {
  constructor(collections: ReadModelCollections<StructureCollection>) {
    super(collections, 'org_people');
  }

  inOrganisation(tenantId: TenantId): Promise<OrgPersonDocument[]> {
    return this.find(tenantId, { status: 'in-organisation' }, { sort: { name: 1 } });
  }

  person(tenantId: TenantId, personId: string): Promise<OrgPersonDocument | null> {
    return this.findById(tenantId, personId);
  }
}
