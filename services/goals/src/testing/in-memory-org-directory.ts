import type { Actor, Owner, Unit } from '../goals-domain';
import type {
  DirectoryPerson,
  DirectoryUnit,
  OrgDirectory,
  OwnerLabel,
} from '../application/org-directory.port';

/**
 * The org directory port with the organisation written out by hand: for tests of the command
 * path that are not about the org topic (the e2e spec feeds the real directory from Kafka).
 */
export class InMemoryOrgDirectory implements OrgDirectory {
  private readonly units = new Map<string, DirectoryUnit>();
  private readonly people = new Map<string, DirectoryPerson>();

  constructor(readonly tenantId: string) {}

  withPerson(personId: string, leads: readonly Unit[] = []): this {
    this.people.set(personId, {
      personId,
      name: personId,
      tribeIds: [],
      guildIds: [],
      leads,
      status: 'active',
    });
    for (const unit of leads) {
      const known = this.units.get(key(unit));
      if (known) this.units.set(key(unit), { ...known, leadIds: [...known.leadIds, personId] });
    }
    return this;
  }

  withUnit(unit: Unit, name = unit.id): this {
    this.units.set(key(unit), {
      kind: unit.kind,
      id: unit.id,
      name,
      leadIds: [],
      memberIds: [],
      status: 'active',
    });
    return this;
  }

  person(tenantId: string, personId: string): Promise<DirectoryPerson | undefined> {
    return Promise.resolve(tenantId === this.tenantId ? this.people.get(personId) : undefined);
  }

  unit(tenantId: string, unit: Unit): Promise<DirectoryUnit | undefined> {
    return Promise.resolve(tenantId === this.tenantId ? this.units.get(key(unit)) : undefined);
  }

  labelsOf(tenantId: string, owners: readonly Owner[]): Promise<OwnerLabel[]> {
    return labelsFromViews(this, tenantId, owners);
  }

  ownerExists(tenantId: string, owner: Owner): Promise<boolean> {
    return Promise.resolve(this.knows(tenantId, owner));
  }

  private knows(tenantId: string, owner: Owner): boolean {
    if (tenantId !== this.tenantId) return false;
    if (owner.kind === 'company') return owner.id === tenantId;
    if (owner.kind === 'person') return this.people.has(owner.id);
    return this.units.has(key(owner));
  }

  awaitOwner(tenantId: string, owner: Owner): Promise<boolean> {
    return this.ownerExists(tenantId, owner);
  }

  async actorFor(tenantId: string, personId: string, roles: readonly string[]): Promise<Actor> {
    const isAdmin = roles.includes('admin');
    const leads = [...((await this.person(tenantId, personId))?.leads ?? [])];
    return {
      personId,
      isAdmin,
      leads: isAdmin ? [{ kind: 'company', id: tenantId }, ...leads] : leads,
    };
  }
}

const key = (unit: Owner): string => `${unit.kind}:${unit.id}`;

/** The labels of these owners, one lookup each: for directories held in memory by tests. */
export const labelsFromViews = async (
  directory: Pick<OrgDirectory, 'person' | 'unit'>,
  tenantId: string,
  owners: readonly Owner[],
): Promise<OwnerLabel[]> => {
  const labels = await Promise.all(
    owners.map(async (owner): Promise<OwnerLabel | undefined> => {
      if (owner.kind === 'person') {
        const person = await directory.person(tenantId, owner.id);
        return person && { kind: 'person', id: owner.id, name: person.name };
      }
      const unit = await directory.unit(tenantId, owner as Unit);
      if (!unit) return undefined;
      const { kind, id, name, tribeId } = unit;
      return { kind, id, name, ...(tribeId === undefined ? {} : { tribeId }) };
    }),
  );
  return labels.filter((label): label is OwnerLabel => label !== undefined);
};
