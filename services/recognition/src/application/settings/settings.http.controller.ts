import { Body, Controller, Get, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { CallerRevision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import {
  accepted,
  CommandAccepted,
  CommandAnswers,
  ExpectedRevision,
  QueryAnswers,
} from '@rhythm/operability';
import type { Response } from 'express';
import { RecognitionFacts } from '../recognition-facts';
import { KudosLimitDto, KudosValuesDto, StreakMilestonesDto } from '../http/recognition.dto';
import { SettingsCommandHandlers } from './settings-command.handlers';

export class RecognitionSettingsResponse {
  @ApiProperty({ type: [String], description: 'The values and tags a kudos may carry' })
  values!: string[];

  @ApiProperty({ type: [Number], description: 'Weekly check-in runs worth a celebration' })
  streakMilestones!: number[];

  @ApiProperty() kudosPerHour!: number;
}

const onlyAdmins = 'Never: the settings always exist (defaults until an admin sets them)';

/** The organisation's recognition settings: everyone reads them, an admin sets them. */
@ApiTags('settings')
@Controller('settings')
export class SettingsHttpController {
  constructor(
    private readonly settings: SettingsCommandHandlers,
    private readonly facts: RecognitionFacts,
  ) {}

  @Get()
  @ApiOperation({ summary: "The organisation's values and tags, streak milestones, kudos limit" })
  @QueryAnswers(RecognitionSettingsResponse, 'Not for settings: they always exist')
  async read(@CurrentActor() actor: AuthenticatedActor): Promise<RecognitionSettingsResponse> {
    const settings = await this.facts.settings(actor.tenantId);
    return {
      values: [...settings.values],
      streakMilestones: [...settings.streakMilestones],
      kudosPerHour: settings.kudosPerHour,
    };
  }

  @Put('values')
  @ApiOperation({ summary: 'Set the values and tags kudos may carry (admin)' })
  @CommandAnswers({ unknown: onlyAdmins })
  async values(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: KudosValuesDto,
    @ExpectedRevision() expected: CallerRevision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.settings.change(
      actor,
      { type: 'SetKudosValues', data: { values: body.values } },
      expected,
    );
    return accepted(response, outcome);
  }

  @Put('streak-milestones')
  @ApiOperation({ summary: 'Set the weekly check-in runs worth a celebration (admin)' })
  @CommandAnswers({ unknown: onlyAdmins })
  async streakMilestones(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: StreakMilestonesDto,
    @ExpectedRevision() expected: CallerRevision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.settings.change(
      actor,
      { type: 'SetStreakMilestones', data: { weeks: body.weeks } },
      expected,
    );
    return accepted(response, outcome);
  }

  @Put('kudos-limit')
  @ApiOperation({ summary: 'Set how many kudos one person may give per hour (admin)' })
  @CommandAnswers({ unknown: onlyAdmins })
  async kudosLimit(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: KudosLimitDto,
    @ExpectedRevision() expected: CallerRevision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.settings.change(
      actor,
      { type: 'SetKudosLimit', data: { kudosPerHour: body.kudosPerHour } },
      expected,
    );
    return accepted(response, outcome);
  }
}
