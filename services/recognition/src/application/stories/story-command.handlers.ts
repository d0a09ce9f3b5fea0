import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CommandHandler,
  NotFound,
  outcomeOf,
  type CallerRevision,
  type Clock,
  type CommandOutcome,
  type EventStore,
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import {
  recognitionStreams,
  storyDecider,
  type Helpers,
  type StoryCommand,
  type StoryFacts,
  type StoryState,
  type StorySubject,
  type StoryText,
} from '../../recognition-domain';
import {
  RECOGNITION_CLOCK,
  RECOGNITION_EVENT_STORE,
} from '../../infrastructure/recognition-tokens';
import { RecognitionFacts, type Reader } from '../recognition-facts';

export type DraftStoryInput = Readonly<{
  storyId?: string;
  about: StorySubject;
  helpedBy: Helpers;
}> &
  StoryText;

const handle = CommandHandler(storyDecider);

/**
 * Success stories and lessons learned: drafted by anyone who may see the goal, published by the
 * lead of the story's unit (an admin for a company objective), withdrawn with a reason. A draft
 * is its author's and its publishers' until published; a story about an objective the caller may
 * not see is, to them, a story that does not exist (docs/security.md).
 */
@Injectable()
export class StoryCommandHandlers {
  constructor(
    @Inject(RECOGNITION_EVENT_STORE) private readonly store: EventStore,
    @Inject(RECOGNITION_CLOCK) private readonly clock: Clock,
    @Inject(RecognitionFacts) private readonly facts: RecognitionFacts,
  ) {}

  async draft(issuer: AuthenticatedActor, input: DraftStoryInput): Promise<CommandOutcome> {
    const storyId = input.storyId ?? randomUUID();
    const reader = await this.facts.readerOf(issuer);
    const helpedBy = input.helpedBy ?? { personIds: [], units: [] };
    const [subject, unknownPersonIds, unknownUnits] = await Promise.all([
      this.facts.storySubjectFacts(reader, input.about),
      this.facts.unknownPeople(reader.tenantId, helpedBy.personIds ?? []),
      this.facts.unknownUnits(reader.tenantId, helpedBy.units ?? []),
    ]);
    return this.decide(issuer, storyId, undefined, (at) => ({
      type: 'DraftStory',
      actor: { personId: issuer.personId },
      data: {
        storyId,
        about: input.about,
        helpedBy,
        title: input.title,
        whatWasDone: input.whatWasDone,
        whatWasLearned: input.whatWasLearned,
        at,
      },
      facts: { subject, unknownPersonIds, unknownUnits },
    }));
  }

  async revise(
    issuer: AuthenticatedActor,
    storyId: string,
    input: Readonly<{ helpedBy: Helpers }> & StoryText,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const reader = await this.facts.readerOf(issuer);
    const [unknownPersonIds, unknownUnits] = await Promise.all([
      this.facts.unknownPeople(reader.tenantId, input.helpedBy.personIds ?? []),
      this.facts.unknownUnits(reader.tenantId, input.helpedBy.units ?? []),
    ]);
    return this.decideVisible(issuer, reader, storyId, expected, (at, facts) => ({
      type: 'ReviseStory',
      actor: { personId: issuer.personId },
      data: { storyId, ...input, at },
      facts: { ...facts, unknownPersonIds, unknownUnits },
    }));
  }

  async publish(
    issuer: AuthenticatedActor,
    storyId: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const reader = await this.facts.readerOf(issuer);
    return this.decideVisible(issuer, reader, storyId, expected, (at, facts) => ({
      type: 'PublishStory',
      actor: { personId: issuer.personId },
      data: { storyId, at },
      facts,
    }));
  }

  async withdraw(
    issuer: AuthenticatedActor,
    storyId: string,
    reason: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const reader = await this.facts.readerOf(issuer);
    return this.decideVisible(
      issuer,
      reader,
      storyId,
      expected,
      (at, facts) => ({
        type: 'WithdrawStory',
        actor: { personId: issuer.personId },
        data: { storyId, reason, at },
        facts,
      }),
      reason,
    );
  }

  /** Who may see the story and who publishes it, read before the caller's revision is compared. */
  private decideVisible(
    issuer: AuthenticatedActor,
    reader: Reader,
    storyId: string,
    expected: CallerRevision,
    commandFor: (at: string, facts: StoryFacts) => StoryCommand,
    reason?: string,
  ): Promise<CommandOutcome> {
    return this.decide(
      issuer,
      storyId,
      expected,
      async (at, state) => {
        if (state.status === 'none') return commandFor(at, { visible: false, publisherIds: [] });
        const publisherIds = await this.facts.publisherIds(reader, state.unit);
        const visible = await this.facts.mayViewStory(reader, state, publisherIds);
        return commandFor(at, { visible, publisherIds });
      },
      reason,
    );
  }

  private async decide(
    issuer: AuthenticatedActor,
    storyId: string,
    expected: CallerRevision,
    commandFor: (at: string, state: StoryState) => StoryCommand | Promise<StoryCommand>,
    reason?: string,
  ): Promise<CommandOutcome> {
    const now = this.clock.now();
    let command: StoryCommand | undefined;
    const result = await handle(
      this.store,
      recognitionStreams.story(issuer.tenantId, storyId),
      (state) => storyDecider.decide(command!, state),
      {
        context: commandContextOf(issuer, now, reason),
        expectedRevision: expected,
        // Before the caller's revision is compared: a story they may not see answers as an
        // unknown one, never 409 (docs/security.md).
        admit: async (state) => {
          command = await commandFor(now.toISOString(), state);
          if ('visible' in command.facts && !command.facts.visible) {
            throw new NotFound(`Story ${storyId} not found`);
          }
        },
      },
    );
    return outcomeOf(storyId, result);
  }
}
