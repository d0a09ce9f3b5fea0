import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Clock } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { TenantId } from '@rhythm/projections';
import { ORG_CLOCK } from '../../infrastructure/org-tokens';
import { OrgQuery } from '../http/org-api.decorators';
import { OrgReadModels } from '../../read-models/org-read-models';
import { orgTreeOf, type OrgTree } from './org-tree';
import { OrgTreeQueryDto } from './org-tree.query.dto';
import { OrgTreeResponse } from './org-tree.response';

@ApiTags('org')
@Controller('org')
export class OrgTreeHttpController {
  constructor(
    private readonly readModels: OrgReadModels,
    @Inject(ORG_CLOCK) private readonly clock: Clock,
  ) {}

  @Get('tree')
  @OrgQuery(
    'The org tree: tribes → squads and chapters, and guilds, with leads and members',
    OrgTreeResponse,
    {
      description:
        'Now from the current structure; with asOf, from the history read models as the ' +
        'organisation stood at that moment (squad moves count from their effective time).',
      notFound: false,
    },
  )
  async tree(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: OrgTreeQueryDto,
  ): Promise<OrgTree> {
    const tenantId = TenantId.of(actor.tenantId);
    if (query.asOf === undefined) {
      return orgTreeOf(await this.readModels.snapshots.now(tenantId), this.clock.now());
    }
    const asOf = new Date(query.asOf);
    return orgTreeOf(await this.readModels.snapshots.at(tenantId, asOf), asOf);
  }
}
