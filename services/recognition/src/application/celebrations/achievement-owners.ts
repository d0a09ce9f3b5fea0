import { Inject, Injectable } from '@nestjs/common';
import type { Owner } from '@rhythm/access-rules';
import { NotFound } from '@rhythm/event-sourcing';
import { unitNotFound, type GoalOwner, type Unit } from '../../recognition-domain';
import {
  MEMBERSHIP_HISTORY,
  ORG_KNOWLEDGE,
  type MembershipHistory,
  type OrgKnowledge,
} from '../recognition-directory.port';

const unitKinds: readonly string[] = ['tribe', 'squad', 'chapter', 'guild'];

/**
 * Who owned a goal on the day it was achieved, as the walls of its celebration need it (ADR
 * 0042): a unit with the tribe it belonged to that day, a person with the squad they were in
 * that day and its tribe. The membership history answers for that instant; where it knows
 * nothing yet, today's org directory does. An owner the org directory has not seen yet (the org
 * topic behind the goals topic) is a 404 the consumer retries: never a celebration without its
 * walls.
 */
@Injectable()
export class AchievementOwners {
  constructor(
    @Inject(ORG_KNOWLEDGE) private readonly org: OrgKnowledge,
    @Inject(MEMBERSHIP_HISTORY) private readonly history: MembershipHistory,
  ) {}

  async ownerOn(tenantId: string, owner: Owner, at: string): Promise<GoalOwner> {
    if (owner.kind === 'person') return this.personOn(tenantId, owner.id, at);
    if (!unitKinds.includes(owner.kind)) return { kind: 'company' };
    const unit = owner as Unit;
    const today = await this.org.unit(tenantId, unit);
    if (today === undefined) throw unitNotFound(unit);
    const tribeId = (await this.history.tribeOfAt(tenantId, unit, at)) ?? today.tribeId;
    return tribeId === undefined || unit.kind === 'tribe' || unit.kind === 'guild'
      ? { kind: 'unit', unit }
      : { kind: 'unit', unit, tribeId };
  }

  async personOn(tenantId: string, personId: string, at: string): Promise<GoalOwner> {
    const today = await this.org.person(tenantId, personId);
    if (today === undefined) throw new NotFound(`Person ${personId} not found`);
    const units = (await this.history.unitsAt(tenantId, [personId], at)).get(personId);
    const squad = units?.find((unit) => unit.kind === 'squad');
    if (squad !== undefined) {
      const tribeId = await this.history.tribeOfAt(tenantId, squad, at);
      return {
        kind: 'person',
        personId,
        squad: tribeId === undefined ? { id: squad.id } : { id: squad.id, tribeId },
      };
    }
    if (units !== undefined || today.squadId === undefined) return { kind: 'person', personId };
    const tribeId = (await this.org.unit(tenantId, { kind: 'squad', id: today.squadId }))?.tribeId;
    return {
      kind: 'person',
      personId,
      squad: tribeId === undefined ? { id: today.squadId } : { id: today.squadId, tribeId },
    };
  }

  /** The unit a lessons-learned story belongs to: the owning unit, or a person's squad then. */
  async unitOn(tenantId: string, owner: Owner, at: string): Promise<Unit | undefined> {
    const goalOwner = await this.ownerOn(tenantId, owner, at);
    if (goalOwner.kind === 'unit') return goalOwner.unit;
    if (goalOwner.kind === 'person' && goalOwner.squad !== undefined) {
      return { kind: 'squad', id: goalOwner.squad.id };
    }
    return undefined;
  }
}
