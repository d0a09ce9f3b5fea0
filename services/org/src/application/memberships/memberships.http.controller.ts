import { Body, Controller, Delete, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import type { Response } from 'express';
import { accepted, type CommandAccepted } from '../http/command-accepted.response';
import { ExpectedRevision } from '../http/expected-revision.decorator';
import { OrgCommandResponses, UuidPathParams } from '../http/org-api.decorators';
import { PersonRefDto } from '../http/shared.dto';
import { PersonCommandHandlers, type MembershipChange } from '../people/person-command.handlers';
import { GuildMemberDto } from './memberships.dto';

const uuid = new ParseUUIDPipe();

/**
 * Joining and leaving squads, chapters and guilds. Memberships are recorded on the person
 * (ADR 0010), so If-Match is the person's revision. Who may: admins and the unit's lead for squads
 * and chapters; for guilds also the person themselves (checked by the person decider).
 */
@ApiTags('memberships')
@UuidPathParams('squadId', 'chapterId', 'guildId', 'personId')
@Controller()
export class MembershipsHttpController {
  constructor(private readonly people: PersonCommandHandlers) {}

  @Post('squads/:squadId/members')
  @ApiOperation({ summary: 'Add a person to a squad (moves them if they are in another one)' })
  @OrgCommandResponses(true)
  joinSquad(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('squadId', uuid) squadId: string,
    @Body() body: PersonRefDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return this.change(
      actor,
      response,
      { personId: body.personId, unit: { kind: 'squad', id: squadId }, change: 'join' },
      expected,
    );
  }

  @Delete('squads/:squadId/members/:personId')
  @ApiOperation({ summary: 'Remove a person from a squad' })
  @OrgCommandResponses()
  leaveSquad(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('squadId', uuid) squadId: string,
    @Param('personId', uuid) personId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return this.change(
      actor,
      response,
      { personId, unit: { kind: 'squad', id: squadId }, change: 'leave' },
      expected,
    );
  }

  @Post('chapters/:chapterId/members')
  @ApiOperation({ summary: "Add a person in a squad of the chapter's tribe to the chapter" })
  @OrgCommandResponses(true)
  joinChapter(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('chapterId', uuid) chapterId: string,
    @Body() body: PersonRefDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return this.change(
      actor,
      response,
      { personId: body.personId, unit: { kind: 'chapter', id: chapterId }, change: 'join' },
      expected,
    );
  }

  @Delete('chapters/:chapterId/members/:personId')
  @ApiOperation({ summary: 'Remove a person from a chapter' })
  @OrgCommandResponses()
  leaveChapter(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('chapterId', uuid) chapterId: string,
    @Param('personId', uuid) personId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return this.change(
      actor,
      response,
      { personId, unit: { kind: 'chapter', id: chapterId }, change: 'leave' },
      expected,
    );
  }

  @Post('guilds/:guildId/members')
  @ApiOperation({ summary: 'Join a guild (yourself by default; anyone may join)' })
  @OrgCommandResponses(true)
  joinGuild(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('guildId', uuid) guildId: string,
    @Body() body: GuildMemberDto,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const personId = body.personId ?? actor.personId;
    return this.change(
      actor,
      response,
      { personId, unit: { kind: 'guild', id: guildId }, change: 'join' },
      expected,
    );
  }

  @Delete('guilds/:guildId/members/:personId')
  @ApiOperation({ summary: 'Leave a guild' })
  @OrgCommandResponses()
  leaveGuild(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('guildId', uuid) guildId: string,
    @Param('personId', uuid) personId: string,
    @ExpectedRevision() expected: Revision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return this.change(
      actor,
      response,
      { personId, unit: { kind: 'guild', id: guildId }, change: 'leave' },
      expected,
    );
  }

  private async change(
    actor: AuthenticatedActor,
    response: Response,
    change: MembershipChange,
    expected: Revision,
  ): Promise<CommandAccepted> {
    const outcome = await this.people.changeMembership(actor, change, expected);
    return accepted(
      response,
      outcome,
      change.change === 'join' ? `/people/${change.personId}/memberships` : undefined,
    );
  }
}
