import { Injectable } from '@nestjs/common';
import { NotFound } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import { TenantId } from '@rhythm/projections';
import { OrgReadModels } from '../../read-models/org-read-models';
import { mayReadEmail } from './email-visibility.rule';
import type {
  MembershipPeriodResponse,
  PersonListEntryResponse,
  PersonProfileResponse,
} from './person.responses';

/** A person's profile with current memberships, and their membership history. */
@Injectable()
export class PersonQueries {
  constructor(private readonly readModels: OrgReadModels) {}

  /**
   * The people in the organisation by name, and what each leads now (tribe, squad as product
   * owner, chapter, guild as coordinator): names only, no e-mail, as the org tree shows them.
   */
  async inOrganisation(tenant: string): Promise<PersonListEntryResponse[]> {
    const tenantId = TenantId.of(tenant);
    const [people, units] = await Promise.all([
      this.readModels.people.inOrganisation(tenantId),
      this.readModels.units.active(tenantId),
    ]);
    const leads = new Map<string, { kind: string; id: string; name: string }[]>();
    const lead = (personId: string, unit: (typeof units)[number]) => {
      const led = leads.get(personId) ?? [];
      led.push({ kind: unit.kind, id: unit._id, name: unit.name });
      leads.set(personId, led);
    };
    for (const unit of units) {
      if (unit.leadId) lead(unit.leadId, unit);
      for (const coordinator of Object.keys(unit.coordinators ?? {})) lead(coordinator, unit);
    }
    return people.map((person) => ({
      personId: person._id,
      name: person.name,
      leads: leads.get(person._id) ?? [],
    }));
  }

  /** The e-mail only for those who may read it (`mayReadEmail`), and never once erased. */
  async profile(viewer: AuthenticatedActor, personId: string): Promise<PersonProfileResponse> {
    const tenantId = TenantId.of(viewer.tenantId);
    const person = await this.readModels.people.person(tenantId, personId);
    if (!person) throw new NotFound(`Person ${personId} not found`);
    const squad = person.squadId
      ? await this.readModels.units.unit(tenantId, 'squad', person.squadId)
      : null;
    const guildIds = Object.keys(person.guilds ?? {});
    const related = await this.readModels.units.named(tenantId, [
      ...(squad?.tribeId ? [squad.tribeId] : []),
      ...(person.chapterId ? [person.chapterId] : []),
      ...guildIds,
    ]);
    const unitOf = (id: string | null | undefined) =>
      related.find((candidate) => candidate._id === id);
    const ref = (id: string) => ({ id, name: unitOf(id)?.name ?? '' });
    const leadIds = [
      squad?.leadId,
      unitOf(squad?.tribeId)?.leadId,
      unitOf(person.chapterId)?.leadId,
    ];
    const isAdmin = viewer.roles.includes('admin');
    const showEmail =
      person.email !== '' && mayReadEmail({ ...viewer, isAdmin }, person._id, leadIds);
    return {
      personId: person._id,
      name: person.name,
      ...(showEmail ? { email: person.email } : {}),
      status: person.status,
      joinedAt: person.joinedAt.toISOString(),
      ...(person.leftAt ? { leftAt: person.leftAt.toISOString() } : {}),
      squad: squad
        ? { id: squad._id, name: squad.name, tribe: squad.tribeId ? ref(squad.tribeId) : null }
        : null,
      chapter: person.chapterId ? ref(person.chapterId) : null,
      guilds: guildIds.map(ref),
    };
  }

  async memberships(tenant: string, personId: string): Promise<MembershipPeriodResponse[]> {
    const tenantId = TenantId.of(tenant);
    if (!(await this.readModels.people.person(tenantId, personId))) {
      throw new NotFound(`Person ${personId} not found`);
    }
    const periods = await this.readModels.memberships.ofPerson(tenantId, personId);
    const units = await this.readModels.units.named(
      tenantId,
      periods.map((p) => p.unitId),
    );
    return periods.map((period) => ({
      kind: period.kind,
      unitId: period.unitId,
      unitName: units.find((unit) => unit._id === period.unitId)?.name ?? '',
      from: period.validFrom.toISOString(),
      to: period.validTo?.toISOString() ?? null,
      endedBy: period.endedBy,
    }));
  }
}
