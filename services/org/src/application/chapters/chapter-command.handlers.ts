import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CommandHandler,
  outcomeOf,
  type CallerRevision,
  type Clock,
  type CommandOutcome,
  type EventStore,
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import { chapterDecider, orgStreams, type ChapterCommand } from '../../org-domain';
import { ORG_CLOCK, ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import { OrgFactsReader } from '../org-facts.reader';

const handle = CommandHandler(chapterDecider);

@Injectable()
export class ChapterCommandHandlers {
  constructor(
    @Inject(ORG_EVENT_STORE) private readonly store: EventStore,
    @Inject(ORG_CLOCK) private readonly clock: Clock,
    private readonly facts: OrgFactsReader,
  ) {}

  async form(
    issuer: AuthenticatedActor,
    input: Readonly<{ tribeId: string; name: string; craft: string }>,
  ): Promise<CommandOutcome> {
    const chapterId = randomUUID();
    return this.run(issuer, chapterId, {
      type: 'FormChapter',
      chapterId,
      tribeId: input.tribeId,
      name: input.name,
      craft: input.craft,
      tribe: await this.facts.tribe(issuer.tenantId, input.tribeId),
    });
  }

  rename(issuer: AuthenticatedActor, chapterId: string, name: string, expected: CallerRevision) {
    return this.run(issuer, chapterId, { type: 'RenameChapter', chapterId, name }, expected);
  }

  async appointLead(
    issuer: AuthenticatedActor,
    chapterId: string,
    personId: string,
    expected: CallerRevision,
  ): Promise<CommandOutcome> {
    const person = await this.facts.person(issuer.tenantId, personId);
    return this.run(
      issuer,
      chapterId,
      { type: 'AppointChapterLead', chapterId, personId, person },
      expected,
    );
  }

  dissolve(
    issuer: AuthenticatedActor,
    chapterId: string,
    reason: string,
    expected: CallerRevision,
  ) {
    return this.run(
      issuer,
      chapterId,
      { type: 'DissolveChapter', chapterId, reason },
      expected,
      reason,
    );
  }

  private async run(
    issuer: AuthenticatedActor,
    chapterId: string,
    command: ChapterCommand,
    expected?: CallerRevision,
    reason?: string,
  ): Promise<CommandOutcome> {
    const result = await handle(
      this.store,
      orgStreams.chapter(issuer.tenantId, chapterId),
      (state) => chapterDecider.decide(command, state),
      { context: commandContextOf(issuer, this.clock.now(), reason), expectedRevision: expected },
    );
    return outcomeOf(chapterId, result);
  }
}
