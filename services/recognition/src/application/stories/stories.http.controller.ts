import { Body, Controller, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CallerRevision } from '@rhythm/event-sourcing';
import { CurrentActor, type AuthenticatedActor } from '@rhythm/identity';
import { accepted, CommandAccepted, CommandAnswers, ExpectedRevision } from '@rhythm/operability';
import type { Response } from 'express';
import type { Helpers, StorySubject } from '../../recognition-domain';
import { uuidParam } from '../http/recognition-params';
import {
  DraftStoryDto,
  StoryTextDto,
  WithdrawDto,
  type HelpersDto,
  type StorySubjectDto,
} from '../http/recognition.dto';
import { StoryCommandHandlers } from './story-command.handlers';

const unknownStory = 'The story, its goal, or a person or unit it names is unknown';

const subjectOf = (about: StorySubjectDto): StorySubject =>
  about.kind === 'key-result'
    ? { kind: 'key-result', objectiveId: about.objectiveId, keyResultId: about.keyResultId! }
    : { kind: 'objective', objectiveId: about.objectiveId };

const helpersOf = (helpers: HelpersDto): Helpers => ({
  personIds: helpers.personIds,
  units: helpers.units.map((unit) => ({ kind: unit.kind, id: unit.id })),
});

/** Success stories and lessons learned: drafted, published by the unit's lead, withdrawn. */
@ApiTags('stories')
@Controller('stories')
export class StoriesHttpController {
  constructor(private readonly stories: StoryCommandHandlers) {}

  @Post()
  @ApiOperation({
    summary: 'Draft a success story about an achieved objective or key result',
    description: 'What was done, who helped (people and units), what was learned.',
  })
  @CommandAnswers({ created: true, unknown: unknownStory })
  async draft(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: DraftStoryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.stories.draft(actor, {
      ...(body.storyId === undefined ? {} : { storyId: body.storyId }),
      about: subjectOf(body.about),
      title: body.title,
      whatWasDone: body.whatWasDone,
      whatWasLearned: body.whatWasLearned ?? '',
      helpedBy: helpersOf(body.helpedBy),
    });
    return accepted(response, outcome, `/stories/${outcome.id}`);
  }

  @Put(':storyId')
  @ApiOperation({ summary: 'Revise a draft (its author or the lead who publishes it)' })
  @CommandAnswers({ unknown: unknownStory })
  async revise(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('storyId', uuidParam) storyId: string,
    @Body() body: StoryTextDto,
    @ExpectedRevision() expected: CallerRevision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    const outcome = await this.stories.revise(
      actor,
      storyId,
      {
        title: body.title,
        whatWasDone: body.whatWasDone,
        whatWasLearned: body.whatWasLearned ?? '',
        helpedBy: helpersOf(body.helpedBy),
      },
      expected,
    );
    return accepted(response, outcome);
  }

  @Post(':storyId/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: "Publish a story on its unit's wall (the unit's lead; an admin for the company)",
  })
  @CommandAnswers({ unknown: unknownStory })
  async publish(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('storyId', uuidParam) storyId: string,
    @ExpectedRevision() expected: CallerRevision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.stories.publish(actor, storyId, expected));
  }

  @Post(':storyId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a story, with a reason (its author or the lead)' })
  @CommandAnswers({ unknown: unknownStory })
  async withdraw(
    @CurrentActor() actor: AuthenticatedActor,
    @Param('storyId', uuidParam) storyId: string,
    @Body() body: WithdrawDto,
    @ExpectedRevision() expected: CallerRevision,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAccepted> {
    return accepted(response, await this.stories.withdraw(actor, storyId, body.reason, expected));
  }
}
