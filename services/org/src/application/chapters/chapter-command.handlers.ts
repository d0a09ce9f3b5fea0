import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@rhythm/event-sourcing';
import type { AuthenticatedActor } from '@rhythm/identity';
import {
  chapterDecider,
  orgStreams,
  type ChapterCommand,
  type ChapterEvent,
  type ChapterState,
} from '../../org-domain';
import { ORG_CLOCK, ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import type { OrgClock } from '../org-clock';
import { commandContextOf } from '../org-command-context';
import {
  OrgCommandExecution,
  type CommandOutcome,
  type ExpectedRevision,
} from '../org-command-execution';
import { OrgFactsReader } from '../org-facts.reader';

@Injectable()
export class ChapterCommandHandlers {
  private readonly chapters: OrgCommandExecution<ChapterCommand, ChapterState, ChapterEvent>;

  constructor(
    @Inject(ORG_EVENT_STORE) store: EventStore,
    @Inject(ORG_CLOCK) private readonly clock: OrgClock,
    private readonly facts: OrgFactsReader,
  ) {
    this.chapters = new OrgCommandExecution(store, chapterDecider);
  }

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

  rename(issuer: AuthenticatedActor, chapterId: string, name: string, expected: ExpectedRevision) {
    return this.run(issuer, chapterId, { type: 'RenameChapter', chapterId, name }, expected);
  }

  async appointLead(
    issuer: AuthenticatedActor,
    chapterId: string,
    personId: string,
    expected: ExpectedRevision,
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
    expected: ExpectedRevision,
  ) {
    return this.run(
      issuer,
      chapterId,
      { type: 'DissolveChapter', chapterId, reason },
      expected,
      reason,
    );
  }

  private run(
    issuer: AuthenticatedActor,
    chapterId: string,
    command: ChapterCommand,
    expected?: ExpectedRevision,
    reason?: string,
  ) {
    return this.chapters.execute(
      chapterId,
      orgStreams.chapter(issuer.tenantId, chapterId),
      command,
      commandContextOf(issuer, this.clock.now(), reason),
      expected,
    );
  }
}
