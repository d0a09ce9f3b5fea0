import { TenantId } from '@rhythm/projections';
import type {
  DirectoryPerson,
  DirectoryUnit,
  OrgSubject,
  OrgUnit,
  OwnerLabel,
} from './org-directory.entries';
import type { OrgDirectoryChanges } from './org-directory.changes';
import type { OrgDirectoryStore } from './org-directory.store';
import { KnownUnits, personView, unitView } from './org-directory.views';

const firstPollMs = 25;
const longestPollMs = 500;

const keyOf = (subject: OrgSubject) => `${subject.kind}:${subject.id}`;

/**
 * What a service asks of its org directory: people, units, labels and owners, each answered from
 * the records the projector folded, joined at read time. Tenant first in every call: the records
 * of two organisations never meet. Every read is bounded by a tenant-scoped query.
 */
export class OrgDirectoryReader {
  constructor(
    private readonly store: OrgDirectoryStore,
    private readonly changes: OrgDirectoryChanges,
  ) {}

  /** A person who joined, with their memberships, tribes and what they lead; left ones too. */
  async person(tenantId: string, personId: string): Promise<DirectoryPerson | undefined> {
    const tenant = TenantId.of(tenantId);
    const person = await this.store.person(tenant, personId);
    if (!person) return undefined;
    const around = person.left ? [] : await this.store.unitsAround(tenant, [person]);
    return personView(person, new KnownUnits(around));
  }

  /**
   * Many people at once, as `person` answers each, keyed by person id; ids the directory does not
   * know are missing. Two round trips whatever the count: the people, then the units around them.
   */
  async people(
    tenantId: string,
    personIds: readonly string[],
  ): Promise<ReadonlyMap<string, DirectoryPerson>> {
    const tenant = TenantId.of(tenantId);
    const records = await this.store.peopleAmong(tenant, [...new Set(personIds)]);
    const present = records.filter((person) => !person.left);
    const units = new KnownUnits(await this.store.unitsAround(tenant, present));
    const people = new Map<string, DirectoryPerson>();
    for (const record of records) {
      const view = personView(record, units);
      if (view) people.set(view.personId, view);
    }
    return people;
  }

  /** A formed unit with its leads and members; the company only under the tenant's own id. */
  async unit(tenantId: string, unit: OrgUnit): Promise<DirectoryUnit | undefined> {
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

  /**
   * Labels of many units and people in one round trip each, for trees and lists: the ones the
   * directory knows (formed units, dissolved ones too; people who joined), and the company by
   * the organisation's name once it is established.
   */
  async labelsOf(tenantId: string, owners: readonly OrgSubject[]): Promise<OwnerLabel[]> {
    const tenant = TenantId.of(tenantId);
    const wanted = new Set(owners.map(keyOf));
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
      if (!unit.formed || !wanted.has(keyOf(unit))) continue;
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

  /** The owner exists and is active; the company's id is the organisation (tenant) id. */
  ownerExists(tenantId: string, owner: OrgSubject): Promise<boolean> {
    const tenant = TenantId.of(tenantId);
    // The company is the tenant's organisation: another organisation's id never owns here.
    if (owner.kind === 'company' && owner.id !== tenantId) return Promise.resolve(false);
    return this.store.isActive(tenant, owner);
  }

  /**
   * Org events arrive asynchronously: waits up to `withinMs` for an owner the directory has not
   * seen yet before answering false. Woken by this process's projector, polling for the others.
   */
  async awaitOwner(tenantId: string, owner: OrgSubject, withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    for (let pause = firstPollMs; ; pause = Math.min(pause * 2, longestPollMs)) {
      if (await this.ownerExists(tenantId, owner)) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await this.changes.next(tenantId, Math.min(pause, remaining));
    }
  }
}
