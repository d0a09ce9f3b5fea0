import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import { accepted, type CommandAccepted } from '../http/command-accepted.response';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { OrgCommandResponses, UuidPathParams } from '../http/org-api.decorators';
import { PersonRefDto, ReasonDto, RenameDto } from '../http/shared.dto';
import { ChapterCommandHandlers } from './chapter-command.handlers';
import { FormChapterDto } from './chapters.dto';

const chapterId = new ParseUUIDPipe();

@ApiTags('chapters')
@UuidPathParams('chapterId')
@Controller('chapters')
export class ChaptersHttpController {
  constructor(private readonly chapters: ChapterCommandHandlers) {}

  @Post()
  @ApiOperation({ summary: 'Form a chapter within a tribe' })
  @OrgCommandResponses(true)
  async form(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: FormChapterDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.chapters.form(actor, body);
    return accepted(response, outcome, `/chapters/${outcome.id}`);
  }

  @Put(':chapterId/name')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rename a chapter' })
  @OrgCommandResponses()
  async rename(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('chapterId', chapterId) id: string,
    @Body() body: RenameDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.chapters.rename(actor, id, body.name, expected));
  }

  @Put(':chapterId/lead')
  @HttpCode(200)
  @ApiOperation({ summary: 'Appoint the chapter lead (replaces the current one)' })
  @OrgCommandResponses()
  async appointLead(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('chapterId', chapterId) id: string,
    @Body() body: PersonRefDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.chapters.appointLead(actor, id, body.personId, expected));
  }

  @Post(':chapterId/dissolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dissolve a chapter: every membership of it ends' })
  @OrgCommandResponses()
  async dissolve(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('chapterId', chapterId) id: string,
    @Body() body: ReasonDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.chapters.dissolve(actor, id, body.reason, expected));
  }
}
