import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { QueryAnswers, RequestInvalid, requestPatterns } from '@rhythm/operability';
import { unitKinds, type Unit, type UnitKind } from '../../recognition-domain';
import { uuidParam } from '../http/recognition-params';
import { FlowQueryDto, pageOf, PageQueryDto } from './recognition-queries.dto';
import {
  CelebrationResponse,
  FlowResponse,
  KudosResponse,
  PersonKudosResponse,
  ReactionsResponse,
  StoryResponse,
  TallyResponse,
  WallResponse,
} from './recognition-queries.responses';
import { RecognitionQueries } from './recognition.queries';

const acceptLanguage = ApiHeader({
  name: 'Accept-Language',
  required: false,
  description: 'Celebration texts in English (default) or Dutch (`nl`)',
});

const unitOf = (kind: string, id: string): Unit => {
  const fields: Record<string, string> = {};
  if (!(unitKinds as readonly string[]).includes(kind)) {
    fields.kind = `must be one of ${unitKinds.join(', ')}`;
  }
  if (!requestPatterns.orgId.test(id)) fields.id = 'must be an id of the organisation';
  if (Object.keys(fields).length > 0) throw new RequestInvalid(fields);
  return { kind: kind as UnitKind, id };
};

const personOf = (personId: string): string => {
  if (personId !== 'me' && !requestPatterns.orgId.test(personId)) {
    throw new RequestInvalid({ personId: 'must be a person id, or `me`' });
  }
  return personId;
};

/** An achievement key: ids joined by `:` (ADR 0042). */
const achievementKeyPattern = /^[a-z]+(:[A-Za-z0-9][A-Za-z0-9._-]{0,199}){1,3}$/;

/** The walls: a unit's, the organisation's feed, and a person's kudos received and given. */
@ApiTags('walls')
@Controller()
export class WallsHttpController {
  constructor(private readonly queries: RecognitionQueries) {}

  @Get('units/:kind/:id/wall')
  @ApiOperation({
    summary: "A unit's recognition wall: its kudos, celebrations and stories, newest first",
    description:
      "Public kudos to the unit or to its members (by the memberships of the day they were given), the unit's celebrations and its published stories. Items about an objective the caller may not see are left out.",
  })
  @acceptLanguage
  @QueryAnswers(WallResponse, 'The unit is unknown')
  wall(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('kind') kind: string,
    @Param('id') id: string,
    @Query() query: PageQueryDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.queries.wall(actor, unitOf(kind, id), pageOf(query), language);
  }

  @Get('feed')
  @ApiOperation({
    summary: "The organisation's recognition feed, newest first",
    description: 'Public kudos, celebrations and published stories of every unit.',
  })
  @acceptLanguage
  @QueryAnswers(WallResponse, 'Never: the organisation is the caller’s')
  feed(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: PageQueryDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.queries.feed(actor, pageOf(query), language);
  }

  @Get('people/:personId/kudos/received')
  @ApiOperation({
    summary: 'Kudos a person received, newest first (`me`: the caller)',
    description: 'A private kudos only for its giver, receivers and their leads.',
  })
  @QueryAnswers(PersonKudosResponse, 'The person is unknown')
  received(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId') personId: string,
    @Query() query: PageQueryDto,
  ) {
    return this.queries.kudosOf(actor, personOf(personId), 'received', pageOf(query));
  }

  @Get('people/:personId/kudos/given')
  @ApiOperation({ summary: 'Kudos a person gave, newest first (`me`: the caller)' })
  @QueryAnswers(PersonKudosResponse, 'The person is unknown')
  given(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('personId') personId: string,
    @Query() query: PageQueryDto,
  ) {
    return this.queries.kudosOf(actor, personOf(personId), 'given', pageOf(query));
  }
}

/** One kudos, story or celebration, as the caller may see it. */
@ApiTags('recognition')
@ApiExtraModels(ReactionsResponse)
@Controller()
export class RecognitionItemsHttpController {
  constructor(private readonly queries: RecognitionQueries) {}

  @Get('kudos/:kudosId')
  @ApiOperation({ summary: 'A kudos with its reactions and comments' })
  @QueryAnswers(KudosResponse, 'The kudos is unknown or withdrawn')
  kudos(@CurrentActor() actor: AuthenticatedActor, @Param('kudosId', uuidParam) kudosId: string) {
    return this.queries.kudos(actor, kudosId);
  }

  @Get('stories/:storyId')
  @ApiOperation({
    summary: 'A success story or lessons learned',
    description: 'A draft only for its author and those who publish it.',
  })
  @QueryAnswers(StoryResponse, 'The story is unknown')
  story(@CurrentActor() actor: AuthenticatedActor, @Param('storyId', uuidParam) storyId: string) {
    return this.queries.story(actor, storyId);
  }

  @Get('celebrations/:achievementKey')
  @ApiOperation({
    summary: 'A celebration, by its achievement key (`kr:<cycle>:<keyResult>`, …)',
    description: 'Its text in the reader’s language.',
  })
  @acceptLanguage
  @QueryAnswers(CelebrationResponse, 'The celebration is unknown')
  celebration(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('achievementKey') achievementKey: string,
    @Headers('accept-language') language?: string,
  ) {
    if (!achievementKeyPattern.test(achievementKey)) {
      throw new RequestInvalid({ achievementKey: 'must be an achievement key, e.g. kr:2026-q1:…' });
    }
    return this.queries.celebration(actor, achievementKey, language);
  }
}

/** How recognition flows between units, by the memberships of the day. */
@ApiTags('flow')
@ApiExtraModels(TallyResponse)
@Controller('flow')
export class FlowHttpController {
  constructor(private readonly queries: RecognitionQueries) {}

  @Get()
  @ApiOperation({
    summary: 'Who recognises whom across squads, chapters, guilds and tribes',
    description:
      'A matrix of kudos between units per kind, each kudos counted by the units its giver and receivers belonged to when it was given; tallies per person and unit; who gives or receives little; the share tied to OKRs. As of any moment (`asOf`) and within a window (`from`, e.g. a cycle’s start).',
  })
  @QueryAnswers(FlowResponse, 'Never')
  flow(@CurrentActor() actor: AuthenticatedActor, @Query() query: FlowQueryDto) {
    return this.queries.flow(actor, query);
  }
}

/** The read side's controllers, for the service's module to register. */
export const recognitionQueryControllers = [
  WallsHttpController,
  RecognitionItemsHttpController,
  FlowHttpController,
];
