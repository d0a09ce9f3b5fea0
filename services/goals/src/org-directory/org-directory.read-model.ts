import { Inject, Injectable } from '@nestjs/common';
import { InProcessOrgDirectory } from '@rhythm/org-directory';
import type {
  DirectoryPerson,
  DirectoryUnit,
  OrgDirectory,
  OwnerLabel,
} from '../application/org-directory.port';
import type { Actor, Owner, Unit } from '../goals-domain';

/** Role of the access token that makes a person an admin (and so a lead of the company). */
export const adminRole = 'admin';

/**
 * The OrgDirectory port on the directory's own read model of the org topic, answered from this
 * process's copy of it (ADR 0044): a command's facts (who leads what, who exists) cost no read
 * store query in the common case. What goals adds is the actor of a command.
 */
@Injectable()
export class OrgDirectoryReadModel implements OrgDirectory {
  constructor(@Inject(InProcessOrgDirectory) private readonly reader: InProcessOrgDirectory) {}

  person(tenantId: string, personId: string): Promise<DirectoryPerson | undefined> {
    return this.reader.person(tenantId, personId);
  }

  unit(tenantId: string, unit: Unit): Promise<DirectoryUnit | undefined> {
    return this.reader.unit(tenantId, unit);
  }

  labelsOf(tenantId: string, owners: readonly Owner[]): Promise<OwnerLabel[]> {
    return this.reader.labelsOf(tenantId, owners);
  }

  ownerExists(tenantId: string, owner: Owner): Promise<boolean> {
    return this.reader.ownerExists(tenantId, owner);
  }

  awaitOwner(tenantId: string, owner: Owner, withinMs: number): Promise<boolean> {
    return this.reader.awaitOwner(tenantId, owner, withinMs);
  }

  async actorFor(tenantId: string, personId: string, roles: readonly string[]): Promise<Actor> {
    const isAdmin = roles.includes(adminRole);
    const person = await this.reader.person(tenantId, personId);
    const leads: Unit[] = [...(person?.status === 'active' ? person.leads : [])];
    // Nobody is appointed to lead the company: its admins do.
    if (isAdmin) leads.unshift({ kind: 'company', id: tenantId });
    return { personId, isAdmin, leads };
  }
}
