import type { IntegrationEnvelope } from '@rhythm/contracts';
import { TenantId } from '@rhythm/projections';
import { evolveCycle, evolveObjective, goalsSubjectOf } from './goals-directory.evolve';
import type { GoalsDirectoryStore } from './goals-directory.store';

/**
 * Applies one goals integration event to the directory. One stream's events come in order on
 * one partition, and the inbox drops redeliveries by event id; the revision guard also drops an
 * event older than what the record holds (a replay from the dead-letter topic, a rewound group).
 */
export class GoalsDirectoryProjector {
  constructor(private readonly store: GoalsDirectoryStore) {}

  async apply(envelope: IntegrationEnvelope): Promise<void> {
    const subject = goalsSubjectOf(envelope);
    if (subject === undefined) return;
    const tenantId = TenantId.of(envelope.tenantId);
    if (subject.kind === 'cycle') {
      const stored = await this.store.cycle(tenantId, subject.id);
      if (stored && stored.revision >= envelope.streamRevision) return;
      const record = evolveCycle(stored?.record, envelope);
      if (record)
        await this.store.saveCycle(tenantId, { record, revision: envelope.streamRevision });
      return;
    }
    const stored = await this.store.objective(tenantId, subject.id);
    if (stored && stored.revision >= envelope.streamRevision) return;
    const record = evolveObjective(stored?.record, envelope);
    if (record) {
      await this.store.saveObjective(tenantId, { record, revision: envelope.streamRevision });
    }
  }
}
