import { Inject, Injectable } from '@nestjs/common';
import { NotFound } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import { TenantId } from '@rhythm/projections';
import { objectiveNotFound } from '../../checkins-domain';
import { CheckinsReadModels } from '../../read-models/checkins-read-models';
import type { InsightDocument } from '../../read-models/insights.projection';
import { CheckinsFacts } from '../checkins-facts';

const insightView = (insight: InsightDocument) => {
  const { _id: _key, tenantId: _tenant, status: _status, ...view } = insight;
  return view;
};

/** Guild insights as they read, each only to those who may see its objective. */
@Injectable()
export class InsightQueries {
  constructor(
    @Inject(CheckinsReadModels) private readonly readModels: CheckinsReadModels,
    @Inject(CheckinsFacts) private readonly facts: CheckinsFacts,
  ) {}

  /** A withdrawn insight, or one on an objective out of sight, is an unknown one. */
  async insight(actor: AuthenticatedActor, insightId: string) {
    const reader = await this.facts.readerOf(actor);
    const found = await this.readModels.insights.findById(TenantId.of(actor.tenantId), insightId);
    const visible =
      found?.status === 'posted' &&
      (await this.facts.visibleObjective(reader, found.objectiveId, { wait: false }));
    if (!found || !visible) throw new NotFound(`Insight ${insightId} not found`);
    return insightView(found);
  }

  /** An objective's insights, newest first. */
  async ofObjective(actor: AuthenticatedActor, objectiveId: string) {
    const reader = await this.facts.readerOf(actor);
    if (!(await this.facts.visibleObjective(reader, objectiveId, { wait: false }))) {
      throw objectiveNotFound(objectiveId);
    }
    const found = await this.readModels.insights.ofObjective(
      TenantId.of(actor.tenantId),
      objectiveId,
    );
    return found.map(insightView);
  }
}
