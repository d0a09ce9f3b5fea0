import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { EventStore } from '@rhythm/event-sourcing';
import { TenantId } from '@rhythm/projections';
import { ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import { OrgReadModels } from '../../read-models/org-read-models';
import { OrgFactsReader } from '../org-facts.reader';

/**
 * How many active squads and chapters a tribe has, for its dissolution (ADR 0010). The current
 * structure read model lists the candidates once it has caught up with everything committed
 * before this command; each candidate is then confirmed from its own stream, so a squad that
 * just moved away or was dissolved does not block the tribe.
 */
@Injectable()
export class TribeUnitsCount {
  constructor(
    @Inject(ORG_EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: OrgReadModels,
    private readonly facts: OrgFactsReader,
  ) {}

  async activeIn(
    tenantId: string,
    tribeId: string,
  ): Promise<Readonly<{ squads: number; chapters: number }>> {
    const head = await this.store.headPosition();
    if (head !== undefined && !(await this.readModels.structureCaughtUpWith(head))) {
      throw new ServiceUnavailableException(
        'The organisation structure is still being updated; try again in a moment',
      );
    }
    const candidates = await this.readModels.units.activeOfTribe(TenantId.of(tenantId), tribeId);
    const confirmed = await Promise.all(
      candidates.map(async (unit) => {
        if (unit.kind === 'squad') {
          const squad = await this.facts.squad(tenantId, unit._id);
          return squad.standing === 'active' && squad.tribeId === tribeId ? 'squad' : null;
        }
        if (unit.kind === 'chapter') {
          const chapter = await this.facts.chapter(tenantId, unit._id);
          return chapter.standing === 'active' ? 'chapter' : null;
        }
        return null;
      }),
    );
    return {
      squads: confirmed.filter((kind) => kind === 'squad').length,
      chapters: confirmed.filter((kind) => kind === 'chapter').length,
    };
  }
}
