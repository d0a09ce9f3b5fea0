import { Inject, Injectable } from '@nestjs/common';
import { ProjectionCheckpoints } from '@rhythm/projections';
import type { Connection } from 'mongoose';
import { ORG_READ_STORE } from '../infrastructure/org-tokens';
import {
  MembershipIntervalsRepository,
  OrgTimelineRepository,
  orgHistoryCollections,
} from './org-history.repositories';
import { OrgSnapshots } from './org-snapshots';
import { orgStructureProjection } from './org-structure.projection';
import {
  OrgPeopleRepository,
  OrgUnitsRepository,
  orgStructureCollections,
} from './org-structure.repositories';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The org read models on the read store: tenant-scoped repositories and snapshots. */
@Injectable()
export class OrgReadModels {
  readonly units: OrgUnitsRepository;
  readonly people: OrgPeopleRepository;
  readonly timeline: OrgTimelineRepository;
  readonly memberships: MembershipIntervalsRepository;
  readonly snapshots: OrgSnapshots;
  private readonly checkpoints: ProjectionCheckpoints;

  constructor(@Inject(ORG_READ_STORE) connection: Connection) {
    const structure = orgStructureCollections(connection);
    const history = orgHistoryCollections(connection);
    this.units = new OrgUnitsRepository(structure);
    this.people = new OrgPeopleRepository(structure);
    this.timeline = new OrgTimelineRepository(history);
    this.memberships = new MembershipIntervalsRepository(history);
    this.snapshots = new OrgSnapshots(this.units, this.people, this.timeline, this.memberships);
    this.checkpoints = new ProjectionCheckpoints(connection.db!);
  }

  /**
   * Waits until the current-structure projection has stored everything up to `position`. The
   * runner saves its checkpoint right after flushing when the feed goes idle, so a checkpoint at
   * or past `position` means the writes are readable.
   */
  async structureCaughtUpWith(position: bigint, timeoutMs = 5_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoint = await this.checkpoints.read(orgStructureProjection.name);
      if (checkpoint?.position != null && BigInt(checkpoint.position) >= position) return true;
      if (Date.now() >= deadline) return false;
      await sleep(20);
    }
  }
}
