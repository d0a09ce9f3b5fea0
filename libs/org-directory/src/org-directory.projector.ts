import type { IntegrationEnvelope } from '@rhythm/contracts';
import { UnprocessableEvent } from '@rhythm/messaging';
import { TenantId } from '@rhythm/projections';
import type { OrgDirectoryChanges } from './org-directory.changes';
import {
  evolve,
  foldStream,
  initialRecord,
  isErased,
  isOrgIntegrationEvent,
  subjectOf,
  withoutPersonalData,
} from './org-directory.evolve';
import type { OrgDirectoryStore } from './org-directory.store';

/**
 * Applies one org integration event to the directory: keeps it with the other events of its
 * stream, then folds it into its subject's record. The next event of the stream is folded onto the
 * stored record; anything else (a gap, a late or repeated event) folds the whole stream again from
 * the kept events, so the record is the same whatever order and however often events arrive.
 */
export class OrgDirectoryProjector {
  constructor(
    private readonly store: OrgDirectoryStore,
    private readonly changes: OrgDirectoryChanges,
  ) {}

  async apply(envelope: IntegrationEnvelope): Promise<void> {
    // The consumer's registry holds the org contracts only; anything else never reaches here.
    if (!isOrgIntegrationEvent(envelope)) return;
    const tenantId = TenantId.of(envelope.tenantId);
    const subject = subjectOf(envelope);
    if (subject.kind === 'company' && subject.id !== envelope.tenantId) {
      throw new UnprocessableEvent(
        `Organisation ${subject.id} published under tenant ${envelope.tenantId}: the organisation id is the tenant id`,
      );
    }
    const found = await this.store.recordOf(tenantId, subject);
    // An erased person's events are kept without their personal data, late ones included.
    const erasure = envelope.type === 'org.person-erased';
    const kept = erasure || isErased(found?.record) ? withoutPersonalData(envelope) : envelope;
    await this.store.keepFact(tenantId, subject, kept);
    const stored = found ?? { record: initialRecord(subject), revision: -1, folded: 0 };
    let record;
    if (envelope.streamRevision === stored.revision + 1) {
      record = evolve(stored.record, envelope);
      await this.store.save(tenantId, {
        record,
        revision: envelope.streamRevision,
        folded: stored.folded + 1,
      });
    } else {
      const events = await this.store.factsOf(tenantId, subject);
      record = foldStream(subject, events);
      await this.store.save(tenantId, {
        record,
        revision: Math.max(...events.map((event) => event.streamRevision)),
        folded: events.length,
      });
    }
    // What was kept of them before (names, reasons) is scrubbed once the record says erased.
    if (erasure) await this.store.rewriteFacts(tenantId, subject, withoutPersonalData);
    // Other replicas' in-process directories learn of the change from the mark (ADR 0044).
    await this.store.bumpMark(tenantId);
    this.changes.applied(tenantId, record);
  }
}
