import type { ReadModelCollections } from '../read-model-collections';
import { TenantScopedRepository } from '../tenant-scoped-repository';
import type { TenantId } from '../tenant-id';
import type { SquadCard } from './org-directory.projection';

/** The query side of the test projection, as a service would write it. */
export class SquadDirectory extends TenantScopedRepository<SquadCard> {
  constructor(collections: ReadModelCollections) {
    super(collections, 'squads');
  }

  /** Served by the index { tenantId, tribeId, name }. */
  inTribe(tenantId: TenantId, tribeId: string): Promise<SquadCard[]> {
    return this.find(tenantId, { tribeId }, { sort: { name: 1 } });
  }
}
