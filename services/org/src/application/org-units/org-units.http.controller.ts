import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotFound } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { TenantId } from '@rhythm/projections';
import { OrgQuery, UuidPathParams } from '../http/org-api.decorators';
import { OrgReadModels } from '../../read-models/org-read-models';
import type { OrgUnitKind } from '../../read-models/org-structure.projection';
import { OrgUnitResponse } from './org-unit.response';

const uuid = new ParseUUIDPipe();

/** One unit as it is now; the Location of every unit created. */
@ApiTags('org')
@UuidPathParams('id')
@Controller()
export class OrgUnitsHttpController {
  constructor(private readonly readModels: OrgReadModels) {}

  @Get('tribes/:id')
  @OrgQuery('A tribe', OrgUnitResponse)
  tribe(@CurrentActor() actor: AuthenticatedActor, @Param('id', uuid) id: string) {
    return this.unit(actor, 'tribe', id);
  }

  @Get('squads/:id')
  @OrgQuery('A squad', OrgUnitResponse)
  squad(@CurrentActor() actor: AuthenticatedActor, @Param('id', uuid) id: string) {
    return this.unit(actor, 'squad', id);
  }

  @Get('chapters/:id')
  @OrgQuery('A chapter', OrgUnitResponse)
  chapter(@CurrentActor() actor: AuthenticatedActor, @Param('id', uuid) id: string) {
    return this.unit(actor, 'chapter', id);
  }

  @Get('guilds/:id')
  @OrgQuery('A guild', OrgUnitResponse)
  guild(@CurrentActor() actor: AuthenticatedActor, @Param('id', uuid) id: string) {
    return this.unit(actor, 'guild', id);
  }

  private async unit(
    actor: AuthenticatedActor,
    kind: OrgUnitKind,
    id: string,
  ): Promise<OrgUnitResponse> {
    const unit = await this.readModels.units.unit(TenantId.of(actor.tenantId), kind, id);
    if (!unit) throw new NotFound(`${kind} ${id} not found`);
    return {
      id: unit._id,
      kind: unit.kind,
      name: unit.name,
      purpose: unit.purpose ?? '',
      status: unit.status,
      ...(unit.tribeId === undefined ? {} : { tribeId: unit.tribeId }),
      ...(unit.leadId === undefined ? {} : { leadId: unit.leadId }),
      ...(unit.coordinators ? { coordinatorIds: Object.keys(unit.coordinators) } : {}),
      formedAt: unit.formedAt.toISOString(),
      ...(unit.dissolvedAt ? { dissolvedAt: unit.dissolvedAt.toISOString() } : {}),
    };
  }
}
