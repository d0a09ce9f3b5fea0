import { TenantId } from '@rhythm/projections';
import type { FlowPopulationSource } from '../application/queries/recognition.queries';
import type { FlowPopulation, Unit } from '../recognition-domain';
import { holdsAt, instant, type SubjectHistory } from './membership-history';
import type { MembershipHistoryStore } from './membership-history.store';

/** How long one replica reuses an organisation's histories for the flow (they change rarely). */
const reuseForMs = 30_000;

/**
 * Who was there to give or receive at a moment (FLOW_POPULATION): the people with a membership
 * then and the units that existed then, from the membership history, so "who gives little" names
 * those who gave nothing at all, not only those who received. An organisation's histories are
 * read once per `reuseForMs` per replica: one read of a few hundred documents, not one per flow.
 */
export class MembershipPopulation implements FlowPopulationSource {
  private readonly read = new Map<string, { until: number; subjects: Promise<SubjectHistory[]> }>();

  constructor(private readonly store: MembershipHistoryStore) {}

  async populationAt(tenantId: string, at: string): Promise<FlowPopulation> {
    const when = instant(at);
    const subjects = await this.subjectsOf(tenantId);
    const personIds: string[] = [];
    const units: Unit[] = [];
    for (const subject of subjects) {
      if (subject.kind === 'person') {
        if (subject.memberships.some((membership) => holdsAt(membership, when))) {
          personIds.push(subject.id);
        }
      } else if (subject.existed !== undefined && holdsAt(subject.existed, when)) {
        units.push({ kind: subject.kind, id: subject.id });
      }
    }
    return { personIds, units };
  }

  private subjectsOf(tenantId: string): Promise<SubjectHistory[]> {
    const kept = this.read.get(tenantId);
    if (kept !== undefined && kept.until > Date.now()) return kept.subjects;
    const subjects = this.store.all(TenantId.of(tenantId));
    this.read.set(tenantId, { until: Date.now() + reuseForMs, subjects });
    subjects.catch(() => this.read.delete(tenantId));
    return subjects;
  }
}
