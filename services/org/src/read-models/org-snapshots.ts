import type { TenantId } from '@rhythm/projections';
import type {
  MembershipIntervalsRepository,
  OrgTimelineRepository,
} from './org-history.repositories';
import type { TimelineInterval } from './org-history.projection';
import type { OrgSnapshot, SnapshotUnit, SnapshotUnitKind } from './org-snapshot';
import type { OrgPeopleRepository, OrgUnitsRepository } from './org-structure.repositories';

const unitKinds: ReadonlySet<string> = new Set<SnapshotUnitKind>([
  'tribe',
  'squad',
  'chapter',
  'guild',
]);
const isUnitKind = (kind: string): kind is SnapshotUnitKind => unitKinds.has(kind);

type Purpose = Readonly<{ purpose?: string; tribeId?: string }>;

/** Reads the organisation as it is now (current structure) or as it was at a date (intervals). */
export class OrgSnapshots {
  constructor(
    private readonly units: OrgUnitsRepository,
    private readonly people: OrgPeopleRepository,
    private readonly timeline: OrgTimelineRepository,
    private readonly memberships: MembershipIntervalsRepository,
  ) {}

  async now(tenantId: TenantId): Promise<OrgSnapshot> {
    const [units, people] = await Promise.all([
      this.units.active(tenantId),
      this.people.inOrganisation(tenantId),
    ]);
    const organisation = units.find((unit) => unit.kind === 'organisation');
    return {
      organisation: organisation
        ? { organisationId: organisation._id, name: organisation.name }
        : null,
      units: units.flatMap((unit): SnapshotUnit[] =>
        isUnitKind(unit.kind)
          ? [
              {
                unitId: unit._id,
                kind: unit.kind,
                name: unit.name,
                purpose: unit.purpose ?? '',
                tribeId: unit.tribeId ?? null,
                leadIds:
                  unit.kind === 'guild'
                    ? Object.keys(unit.coordinators ?? {})
                    : unit.leadId
                      ? [unit.leadId]
                      : [],
              },
            ]
          : [],
      ),
      people: new Map(people.map((person) => [person._id, person.name])),
      memberships: people.flatMap((person) => [
        ...(person.squadId
          ? [{ personId: person._id, unitId: person.squadId, kind: 'squad' as const }]
          : []),
        ...(person.chapterId
          ? [{ personId: person._id, unitId: person.chapterId, kind: 'chapter' as const }]
          : []),
        ...Object.keys(person.guilds ?? {}).map((guildId) => ({
          personId: person._id,
          unitId: guildId,
          kind: 'guild' as const,
        })),
      ]),
    };
  }

  async at(tenantId: TenantId, at: Date): Promise<OrgSnapshot> {
    const [intervals, memberships] = await Promise.all([
      this.timeline.validAt(tenantId, at),
      this.memberships.validAt(tenantId, at),
    ]);
    const bySubject = new Map<string, TimelineInterval[]>();
    for (const interval of intervals) {
      bySubject.set(interval.subjectId, [...(bySubject.get(interval.subjectId) ?? []), interval]);
    }
    let organisation: OrgSnapshot['organisation'] = null;
    const units: SnapshotUnit[] = [];
    const people = new Map<string, string>();
    for (const [subjectId, subject] of bySubject) {
      const existence = subject.find((interval) => interval.attribute === 'existence');
      if (!existence) continue;
      const valueOf = (attribute: TimelineInterval['attribute']) =>
        subject.find((interval) => interval.attribute === attribute)?.value as string | undefined;
      const name = valueOf('name') ?? '';
      const kind = existence.kind;
      if (kind === 'organisation') {
        organisation = { organisationId: subjectId, name };
      } else if (kind === 'person') {
        people.set(subjectId, name);
      } else {
        const fixed = existence.value as Purpose;
        const lead = valueOf('lead');
        units.push({
          unitId: subjectId,
          kind,
          name,
          purpose: fixed.purpose ?? '',
          tribeId: valueOf('tribe') ?? fixed.tribeId ?? null,
          leadIds:
            kind === 'guild'
              ? subject
                  .filter((interval) => interval.attribute === 'coordinator')
                  .map((interval) => interval.value as string)
              : lead
                ? [lead]
                : [],
        });
      }
    }
    return {
      organisation,
      units,
      people,
      memberships: memberships.map(({ personId, unitId, kind }) => ({ personId, unitId, kind })),
    };
  }
}
