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
import {
  chapterDecider,
  orgStreams,
  type ChapterCommand,
  type ChapterState,
} from '../../org-domain';
import { ORG_CLOCK, ORG_EVENT_STORE } from '../../infrastructure/org-tokens';
import { orgActorOf } from '../org-actor';
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
    const tribe = await this.facts.tribe(issuer.tenantId, input.tribeId);
    return this.run(issuer, chapterId, () => ({
      type: 'FormChapter',
      chapterId,
      tribeId: input.tribeId,
      name: input.name,
      craft: input.craft,
      tribe,
      actor: orgActorOf(issuer),
    }));
  }

  rename(issuer: AuthenticatedActor, chapterId: string, name: string, expected: CallerRevision) {
    return this.run(
      issuer,
      chapterId,
      async (state) => ({
        type: 'RenameChapter',
        chapterId,
        name,
        ...(await this.powers(issuer, state)),
      }),
      expected,
    );
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
      async (state) => ({
        type: 'AppointChapterLead',
        chapterId,
        personId,
        person,
        ...(await this.powers(issuer, state)),
      }),
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
      async (state) => ({
        type: 'DissolveChapter',
        chapterId,
        reason,
        ...(await this.powers(issuer, state)),
      }),
      expected,
      reason,
    );
  }

  /** The caller, and who leads the chapter's tribe as of the state the command decides on. */
  private async powers(issuer: AuthenticatedActor, state: ChapterState) {
    const tribeId = state.status === 'active' ? state.tribeId : undefined;
    return {
      actor: orgActorOf(issuer),
      tribeLeadId: await this.facts.tribeLead(issuer.tenantId, tribeId),
    };
  }

  private async run(
    issuer: AuthenticatedActor,
    chapterId: string,
    commandFor: (state: ChapterState) => ChapterCommand | Promise<ChapterCommand>,
    expected?: CallerRevision,
    reason?: string,
  ): Promise<CommandOutcome> {
    const result = await handle(
      this.store,
      orgStreams.chapter(issuer.tenantId, chapterId),
      async (state) => chapterDecider.decide(await commandFor(state), state),
      { context: commandContextOf(issuer, this.clock.now(), reason), expectedRevision: expected },
    );
    return outcomeOf(chapterId, result);
  }
}
