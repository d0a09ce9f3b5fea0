import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CommandHandler,
  outcomeOf,
  type Clock,
  type CommandOutcome,
  type EventStore,
} from '@rhythm/event-sourcing';
import { commandContextOf, type AuthenticatedActor } from '@rhythm/identity';
import {
  checkinsStreams,
  threadDecider,
  type Reaction,
  type ThreadCommand,
} from '../../checkins-domain';
import { CHECKINS_CLOCK, CHECKINS_EVENT_STORE } from '../../infrastructure/checkins-tokens';
import { CheckinsFacts } from '../checkins-facts';
import { subjectIdOf, type ThreadAddress } from './thread-address';
import { ThreadTargets, type ResolvedTarget } from './thread-targets';

const handle = CommandHandler(threadDecider);

/** A reaction to the target itself, or to one comment of its thread. */
export type ReactionSubject = Readonly<{ reaction: Reaction; commentId?: string }>;

/**
 * The discussion of a check-in, a blocker or a guild insight: comments (posted, edited by their
 * author, deleted by their author, the objective's lead or an admin) and reactions, one thread
 * stream per target (ADR 0038). Seeing the target's objective is the power to take part.
 */
@Injectable()
export class ThreadCommandHandlers {
  constructor(
    @Inject(CHECKINS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKINS_CLOCK) private readonly clock: Clock,
    @Inject(CheckinsFacts) private readonly facts: CheckinsFacts,
    @Inject(ThreadTargets) private readonly targets: ThreadTargets,
  ) {}

  async post(
    issuer: AuthenticatedActor,
    address: ThreadAddress,
    input: Readonly<{ commentId?: string; text: string }>,
  ): Promise<CommandOutcome & Readonly<{ commentId: string }>> {
    const commentId = input.commentId ?? randomUUID();
    const outcome = await this.decide(issuer, address, commentId, (resolved, at) => ({
      type: 'PostComment',
      actor: { personId: issuer.personId },
      data: { target: resolved.target, commentId, text: input.text, at },
      facts: { target: resolved.facts },
    }));
    return { ...outcome, commentId };
  }

  edit(
    issuer: AuthenticatedActor,
    address: ThreadAddress,
    commentId: string,
    text: string,
  ): Promise<CommandOutcome> {
    return this.decide(issuer, address, commentId, (resolved, at) => ({
      type: 'EditComment',
      actor: { personId: issuer.personId },
      data: { target: resolved.target, commentId, text, at },
      facts: { target: resolved.facts },
    }));
  }

  delete(
    issuer: AuthenticatedActor,
    address: ThreadAddress,
    commentId: string,
  ): Promise<CommandOutcome> {
    return this.decide(issuer, address, commentId, (resolved, at) => ({
      type: 'DeleteComment',
      actor: { personId: issuer.personId },
      data: { target: resolved.target, commentId, at },
      facts: { target: resolved.facts, actorIsAdmin: issuer.roles.includes('admin') },
    }));
  }

  react(
    issuer: AuthenticatedActor,
    address: ThreadAddress,
    subject: ReactionSubject,
  ): Promise<CommandOutcome> {
    return this.decide(issuer, address, subject.commentId, (resolved, at) => ({
      type: 'AddReaction',
      actor: { personId: issuer.personId },
      data: { target: resolved.target, ...subject, at },
      facts: { target: resolved.facts },
    }));
  }

  unreact(
    issuer: AuthenticatedActor,
    address: ThreadAddress,
    subject: ReactionSubject,
  ): Promise<CommandOutcome> {
    return this.decide(issuer, address, subject.commentId, (resolved, at) => ({
      type: 'RemoveReaction',
      actor: { personId: issuer.personId },
      data: { target: resolved.target, ...subject, at },
      facts: { target: resolved.facts },
    }));
  }

  /**
   * The target is resolved once, before the thread is read: the facts of a moment, as every
   * command takes them (ADR 0021). The answer names the comment, or else the target.
   */
  private async decide(
    issuer: AuthenticatedActor,
    address: ThreadAddress,
    commentId: string | undefined,
    commandFor: (resolved: ResolvedTarget, at: string) => ThreadCommand,
  ): Promise<CommandOutcome> {
    const reader = await this.facts.readerOf(issuer);
    const resolved = await this.targets.resolve(reader, address);
    const now = this.clock.now();
    const command = commandFor(resolved, now.toISOString());
    const result = await handle(
      this.store,
      checkinsStreams.thread(issuer.tenantId, resolved.target),
      (thread) => threadDecider.decide(command, thread),
      { context: commandContextOf(issuer, now) },
    );
    return outcomeOf(commentId ?? subjectIdOf(address), result);
  }
}
