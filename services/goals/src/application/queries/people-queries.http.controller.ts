import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { GoalsQuery } from './goals-query.decorators';
import { VisibilityGate } from '../visibility/visibility.gate';
import { CycleFilterQueryDto } from './okr-queries.dto';
import { OkrQueries, type AmbitionView, type PersonOkrs } from './okr.queries';
import { AmbitionResponse, PersonOkrsResponse } from './okr.responses';

@ApiTags('people')
@Controller('people')
export class PeopleQueriesHttpController {
  constructor(
    private readonly visibility: VisibilityGate,
    private readonly okrs: OkrQueries,
  ) {}

  // Before ':personId', so that "me" is not taken for an id.
  @Get('me/okrs')
  @GoalsQuery(
    'My OKRs: owned, contributed, followed through my guilds, and my ambitions',
    PersonOkrsResponse,
  )
  async myOkrs(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: CycleFilterQueryDto,
  ): Promise<PersonOkrs> {
    return this.okrs.personOkrs(
      await this.visibility.readerOf(actor),
      actor.personId,
      query.cycleId,
    );
  }

  @Get('me/ambitions')
  @GoalsQuery('My ambitions and the OKRs they are linked to (private to me)', [AmbitionResponse])
  async myAmbitions(@CurrentActor() actor: AuthenticatedActor): Promise<AmbitionView[]> {
    return this.okrs.myAmbitions(await this.visibility.readerOf(actor));
  }

  @Get(':personId/okrs')
  @GoalsQuery(
    'A person’s OKRs: owned, contributed, followed through their guilds',
    PersonOkrsResponse,
    'Linked ambitions only when the person asks for their own.',
  )
  async okrsOf(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId') personId: string,
    @Query() query: CycleFilterQueryDto,
  ): Promise<PersonOkrs> {
    return this.okrs.personOkrs(await this.visibility.readerOf(actor), personId, query.cycleId);
  }
}
