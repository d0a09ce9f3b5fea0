import { TenantId } from '@rhythm/projections';
import type { OrgDirectoryChanges } from './org-directory.changes';
import type {
  DirectoryPerson,
  DirectoryUnit,
  OrgSubject,
  OrgUnit,
  OwnerLabel,
} from './org-directory.entries';
import type { DirectoryRecord, PersonRecord } from './org-directory.evolve';
import type { OrgDirectoryStore } from './org-directory.store';
import { KnownUnits, personView, unitView } from './org-directory.views';

const firstPollMs = 25;
const longestPollMs = 500;

export type InProcessOrgDirectoryOptions = Readonly<{
  /**
   * How long a copy is trusted without asking the store's mark: the longest another replica's
   * change may go unseen here (changes this process applies are seen at once). Default 250.
   */
  freshForMs?: number;
  /** Organisations kept in memory; the one used longest ago goes first. Default 1,000. */
  tenantsKept?: number;
  now?: () => number;
}>;

/**
 * One organisation's directory as loaded: every record, and the mark it was loaded at (changes
 * this process applied since are in the records; the mark then differs, and the next check loads
 * the organisation again, at most once per `freshForMs`).
 */
type TenantCopy = Readonly<{
  mark: number;
  people: ReadonlyMap<string, PersonRecord>;
  units: KnownUnits;
  /** Who leads what, computed once per load: asked on every command. */
  views: Map<string, DirectoryPerson | undefined>;
}>;

type Entry = {
  copy: TenantCopy;
  checkedAt: number;
  /** This process applied a change of the tenant since the copy was checked. */
  stale: boolean;
};

/**
 * The org directory answered from memory (ADR 0044): per organisation, every unit and person
 * record, loaded from the read store at once and joined with the same views as
 * `OrgDirectoryReader`, so both answer alike. The copy is trusted for `freshForMs`; then one
 * indexed read of the tenant's mark (counted by the projector of whichever replica applied the
 * change) says whether to load again. A change this process applies marks its copy stale at once.
 * The consumer's own messages are not enough: each replica of a group sees its partitions only.
 */
export class InProcessOrgDirectory {
  private readonly tenants = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  /** Tenants this process changed while their copy was loading: loaded stale. */
  private readonly changedWhileLoading = new Set<string>();
  private readonly freshForMs: number;
  private readonly tenantsKept: number;
  private readonly now: () => number;

  constructor(
    private readonly store: OrgDirectoryStore,
    private readonly changes: OrgDirectoryChanges,
    options: InProcessOrgDirectoryOptions = {},
  ) {
    this.freshForMs = options.freshForMs ?? 250;
    this.tenantsKept = options.tenantsKept ?? 1_000;
    this.now = options.now ?? Date.now;
    changes.onApplied((tenantId, record) => {
      const entry = this.tenants.get(tenantId);
      // The record this process just saved goes into its copy: no reload per org event.
      if (entry && record) entry.copy = withRecord(entry.copy, record);
      else if (entry) entry.stale = true;
      if (this.loading.has(tenantId)) this.changedWhileLoading.add(tenantId);
    });
  }

  /** A person who joined, with their memberships, tribes and what they lead; left ones too. */
  async person(tenantId: string, personId: string): Promise<DirectoryPerson | undefined> {
    return this.viewOf((await this.copyOf(tenantId)).copy, personId);
  }

  /** Many people at once, keyed by person id; ids the directory does not know are missing. */
  async people(
    tenantId: string,
    personIds: readonly string[],
  ): Promise<ReadonlyMap<string, DirectoryPerson>> {
    const { copy } = await this.copyOf(tenantId);
    const people = new Map<string, DirectoryPerson>();
    for (const personId of personIds) {
      const view = this.viewOf(copy, personId);
      if (view) people.set(personId, view);
    }
    return people;
  }

  /** A formed unit with its leads and members; the company only under the tenant's own id. */
  async unit(tenantId: string, unit: OrgUnit): Promise<DirectoryUnit | undefined> {
    if (unit.kind === 'company' && unit.id !== tenantId) return undefined;
    const { copy } = await this.copyOf(tenantId);
    const record = copy.units.get(unit.kind, unit.id);
    if (!record?.formed) return undefined;
    const members: DirectoryPerson[] = [];
    const leftPeople = new Set<string>();
    for (const person of copy.people.values()) {
      if (person.left) leftPeople.add(person.id);
      else if (!record.dissolved) {
        const view = this.viewOf(copy, person.id);
        if (view) members.push(view);
      }
    }
    return unitView(record, members, leftPeople);
  }

  /** Labels of the units and people the directory knows; the company by the organisation's name. */
  async labelsOf(tenantId: string, owners: readonly OrgSubject[]): Promise<OwnerLabel[]> {
    const { copy } = await this.copyOf(tenantId);
    const labels = new Map<string, OwnerLabel>();
    for (const owner of owners) {
      const key = `${owner.kind}:${owner.id}`;
      if (labels.has(key)) continue;
      if (owner.kind === 'person') {
        const person = copy.people.get(owner.id);
        if (person?.joined)
          labels.set(key, { kind: 'person', id: person.id, name: person.name ?? person.id });
        continue;
      }
      // The company is the organisation's own record, under the tenant's id.
      if (owner.kind === 'company' && owner.id !== tenantId) continue;
      const unit = copy.units.get(owner.kind, owner.id);
      if (!unit?.formed) continue;
      labels.set(key, {
        kind: unit.kind,
        id: unit.id,
        name: unit.name ?? unit.id,
        ...(unit.tribeId === undefined ? {} : { tribeId: unit.tribeId }),
      });
    }
    return [...labels.values()];
  }

  /** The owner exists and is active; the company's id is the organisation (tenant) id. */
  async ownerExists(tenantId: string, owner: OrgSubject): Promise<boolean> {
    return this.activeIn((await this.copyOf(tenantId)).copy, tenantId, owner);
  }

  /**
   * Waits up to `withinMs` for an owner the directory has not seen yet: an owner missing from the
   * copy makes it ask the mark at once, then at each change this process applies or each poll.
   */
  async awaitOwner(tenantId: string, owner: OrgSubject, withinMs: number): Promise<boolean> {
    const deadline = this.now() + withinMs;
    if (this.activeIn((await this.copyOf(tenantId)).copy, tenantId, owner)) return true;
    for (let pause = firstPollMs; ; pause = Math.min(pause * 2, longestPollMs)) {
      const { copy } = await this.copyOf(tenantId, { checkMark: true });
      if (this.activeIn(copy, tenantId, owner)) return true;
      const remaining = deadline - this.now();
      if (remaining <= 0) return false;
      await this.changes.next(tenantId, Math.min(pause, remaining));
    }
  }

  private activeIn(copy: TenantCopy, tenantId: string, owner: OrgSubject): boolean {
    if (owner.kind === 'person') {
      const person = copy.people.get(owner.id);
      return person?.joined === true && !person.left;
    }
    // The company is the tenant's organisation: another organisation's id never owns here.
    if (owner.kind === 'company' && owner.id !== tenantId) return false;
    const unit = copy.units.get(owner.kind, owner.id);
    return unit?.formed === true && !unit.dissolved;
  }

  private viewOf(copy: TenantCopy, personId: string): DirectoryPerson | undefined {
    if (copy.views.has(personId)) return copy.views.get(personId);
    const record = copy.people.get(personId);
    const view = record ? personView(record, copy.units) : undefined;
    copy.views.set(personId, view);
    return view;
  }

  /** The tenant's copy, checked against the store's mark when it is due or asked to. */
  private async copyOf(
    tenantId: string,
    { checkMark = false }: Readonly<{ checkMark?: boolean }> = {},
  ): Promise<Entry> {
    const entry = this.tenants.get(tenantId);
    const now = this.now();
    if (entry && !entry.stale && !checkMark && now - entry.checkedAt < this.freshForMs) {
      return this.used(tenantId, entry);
    }
    // One check or load per tenant at a time: the commands waiting on it share the answer.
    const pending = this.loading.get(tenantId);
    if (pending) return pending;
    const checked = this.checked(tenantId, entry).finally(() => this.loading.delete(tenantId));
    this.loading.set(tenantId, checked);
    return checked;
  }

  private async checked(tenantId: string, entry: Entry | undefined): Promise<Entry> {
    const tenant = TenantId.of(tenantId);
    // Stale flags set from here on are for changes this check may not see.
    if (entry) entry.stale = false;
    this.changedWhileLoading.delete(tenantId);
    const checkedAt = this.now();
    // The mark is read before the records: a change counted in between loads again next time.
    const mark = await this.store.markOf(tenant);
    if (entry && entry.copy.mark === mark) {
      entry.checkedAt = checkedAt;
      return this.used(tenantId, entry);
    }
    const [units, people] = await Promise.all([
      this.store.allUnits(tenant),
      this.store.allPeople(tenant),
    ]);
    const loaded: Entry = {
      copy: {
        mark,
        people: new Map(people.map((person) => [person.id, person])),
        units: new KnownUnits(units),
        views: new Map(),
      },
      checkedAt,
      stale: this.changedWhileLoading.delete(tenantId) || entry?.stale === true,
    };
    return this.used(tenantId, loaded);
  }

  /** Keeps the entry as the most recently used, and the map within `tenantsKept`. */
  private used(tenantId: string, entry: Entry): Entry {
    this.tenants.delete(tenantId);
    this.tenants.set(tenantId, entry);
    if (this.tenants.size > this.tenantsKept) {
      const oldest = this.tenants.keys().next().value;
      if (oldest !== undefined) this.tenants.delete(oldest);
    }
    return entry;
  }
}

/** The copy with one record replaced (or added), and the people's views to compute again. */
const withRecord = (copy: TenantCopy, record: DirectoryRecord): TenantCopy => {
  if (record.kind === 'person') {
    return {
      ...copy,
      people: new Map(copy.people).set(record.id, record),
      views: new Map(),
    };
  }
  const units = copy.units
    .all()
    .filter((unit) => unit.kind !== record.kind || unit.id !== record.id);
  return { ...copy, units: new KnownUnits([...units, record]), views: new Map() };
};
