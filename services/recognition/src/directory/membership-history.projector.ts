import type { IntegrationEnvelope } from '@rhythm/contracts';
import { isOrgIntegrationEvent, subjectOf, type OrgDirectoryStore } from '@rhythm/org-directory';
import { TenantId } from '@rhythm/projections';
import { historyOf } from './membership-history';
import type { MembershipHistoryStore } from './membership-history.store';

/**
 * Folds the history of the subject an org event is about, after the org directory kept the
 * event: from every event of that stream it kept, so a late, repeated or replayed event gives
 * the same history (and an erased person's kept events hold nothing personal, ADR 0034).
 */
export class MembershipHistoryProjector {
  constructor(
    private readonly org: OrgDirectoryStore,
    private readonly histories: MembershipHistoryStore,
  ) {}

  async apply(envelope: IntegrationEnvelope): Promise<void> {
    if (!isOrgIntegrationEvent(envelope)) return;
    const subject = subjectOf(envelope);
    if (subject.kind === 'company') return;
    const tenantId = TenantId.of(envelope.tenantId);
    const history = historyOf(subject, await this.org.factsOf(tenantId, subject));
    if (history !== undefined) await this.histories.save(tenantId, history);
  }
}
