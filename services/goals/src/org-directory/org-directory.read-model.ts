import { Inject, Injectable } from '@nestjs/common';
import { TenantId } from '@rhythm/projections';
import type {
  DirectoryPerson,
  DirectoryUnit,
  OrgDirectory,
  OwnerLabel,
} from '../application/org-directory.port';
import type { Actor, Owner, Unit } from '../goals-domain';
import { ownerKey } from '../read-models/read-model-keys';
import { OrgDirectoryChanges } from './org-directory.changes';
import { OrgDirectoryStore } from './org-directory.store';
import { KnownUnits, personView, unitView } from './org-directory.views';

/** Role of the access token that makes a person an admin (and so a lead of the company). */
export const adminRole = 'admin';

const firstPollMs = 25;
const longestPollMs = 500;

/** The OrgDirectory port on the directory's own read model of the org topic. */
@Injectable()
export class OrgDirectoryReadModel implements OrgDirectory {
  constructor(
    @Inject(OrgDirectoryStore) private readonly store: OrgDirectoryStore,
    @Inject(OrgDirectoryChanges) private readonly changes: OrgDirectoryChanges,
  ) {}

  async person(tenantId: string, personId: string): Promise<DirectoryPerson | undefined> {
    const tenant = TenantId.of(tenantId);
    const person = await this.store.person(tenant, personId);
    if (!person) return undefined;
    const around = person.left ? [] : await this.store.unitsAround(tenant, person);
    return personView(person, new KnownUnits(around));
  }

  async unit(tenantId: string, unit: Unit): Promise<DirectoryUnit | undefined> {
    const tenant = TenantId.of(tenantId);
    if (unit.kind === 'company' && unit.id !== tenantId) return undefined;
    const record = await this.store.unit(tenant, unit);
    if (!record?.formed) return undefined;
    const related = unit.kind === 'tribe' ? await this.store.unitsOfTribe(tenant, unit.id) : [];
    const squadsOfTribe = related.filter((each) => each.kind === 'squad').map((each) => each.id);
    const [candidates, leftPeople] = await Promise.all([
      record.dissolved ? [] : this.store.candidateMembers(tenant, unit, squadsOfTribe),
      this.store.leftAmong(tenant, record.leadIds),
    ]);
    const units = new KnownUnits([...related, record]);
    const members = candidates.flatMap((candidate) => personView(candidate, units) ?? []);
    return unitView(record, members, leftPeople);
  }

  async labelsOf(tenantId: string, owners: readonly Owner[]): Promise<OwnerLabel[]> {
    const tenant = TenantId.of(tenantId);
    const wanted = new Set(owners.map(ownerKey));
    const ids = (person: boolean) => [
      ...new Set(
        owners
          // The company is the organisation's own record, under the tenant's id.
          .filter(
            (o) => (o.kind === 'person') === person && (o.kind !== 'company' || o.id === tenantId),
          )
          .map((o) => o.id),
      ),
    ];
    const [units, people] = await Promise.all([
      this.store.unitsAmong(tenant, ids(false)),
      this.store.peopleAmong(tenant, ids(true)),
    ]);
    const labels: OwnerLabel[] = [];
    for (const unit of units) {
      if (!unit.formed || !wanted.has(ownerKey(unit))) continue;
      labels.push({
        kind: unit.kind,
        id: unit.id,
        name: unit.name ?? unit.id,
        ...(unit.tribeId === undefined ? {} : { tribeId: unit.tribeId }),
      });
    }
    for (const person of people) {
      if (person.joined)
        labels.push({ kind: 'person', id: person.id, name: person.name ?? person.id });
    }
    return labels;
  }

  ownerExists(tenantId: string, owner: Owner): Promise<boolean> {
    const tenant = TenantId.of(tenantId);
    // The company is the tenant's organisation: another organisation's id never owns here.
    if (owner.kind === 'company' && owner.id !== tenantId) return Promise.resolve(false);
    return this.store.isActive(tenant, owner);
  }

  async awaitOwner(tenantId: string, owner: Owner, withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    for (let pause = firstPollMs; ; pause = Math.min(pause * 2, longestPollMs)) {
      if (await this.ownerExists(tenantId, owner)) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await this.changes.next(tenantId, Math.min(pause, remaining));
    }
  }

  async actorFor(tenantId: string, personId: string, roles: readonly string[]): Promise<Actor> {
    const isAdmin = roles.includes(adminRole);
    const person = await this.person(tenantId, personId);
    const leads: Unit[] = [...(person?.status === 'active' ? person.leads : [])];
    // Nobody is appointed to lead the company: its admins do.
    if (isAdmin) leads.unshift({ kind: 'company', id: tenantId });
    return { personId, isAdmin, leads };
  }
}
