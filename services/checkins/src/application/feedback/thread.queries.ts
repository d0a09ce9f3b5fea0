import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedActor } from '@rhythm/identity';
import { TenantId } from '@rhythm/projections';
import { knownTarget } from '../../checkins-domain';
import { CheckinsReadModels } from '../../read-models/checkins-read-models';
import {
  threadIdOf,
  type CommentDocument,
  type ReactionsDocument,
} from '../../read-models/threads.projection';
import { CheckinsFacts } from '../checkins-facts';
import type { ThreadAddress } from './thread-address';
import { ThreadTargets } from './thread-targets';

/** Reactions as answered: only those someone still gives. */
const given = (reactions: ReactionsDocument | undefined) =>
  Object.fromEntries(Object.entries(reactions ?? {}).filter(([, people]) => people.length > 0));

/** A deleted comment keeps its place in the thread, and nothing of what it said or who said it. */
const commentView = (comment: CommentDocument) =>
  comment.deleted
    ? {
        commentId: comment.commentId,
        deleted: true,
        postedAt: comment.postedAt,
        deletedAt: comment.deletedAt,
      }
    : {
        commentId: comment.commentId,
        authorId: comment.authorId,
        text: comment.text,
        postedAt: comment.postedAt,
        ...(comment.editedAt === undefined ? {} : { editedAt: comment.editedAt }),
        deleted: false,
        reactions: given(comment.reactions),
      };

/**
 * A thread as it reads: the reactions to its target and its comments in order. Its target is
 * checked as the commands check it (exists, and the reader may see its objective), then the
 * thread is read from its projection.
 */
@Injectable()
export class ThreadQueries {
  constructor(
    @Inject(CheckinsReadModels) private readonly readModels: CheckinsReadModels,
    @Inject(CheckinsFacts) private readonly facts: CheckinsFacts,
    @Inject(ThreadTargets) private readonly targets: ThreadTargets,
  ) {}

  async thread(actor: AuthenticatedActor, address: ThreadAddress) {
    const reader = await this.facts.readerOf(actor);
    const { target, facts } = await this.targets.resolve(reader, address);
    knownTarget(facts, target);
    const tenantId = TenantId.of(actor.tenantId);
    const threadId = threadIdOf(target);
    const [thread, comments] = await Promise.all([
      this.readModels.threads.findById(tenantId, threadId),
      this.readModels.comments.ofThread(tenantId, threadId),
    ]);
    return {
      target,
      reactions: given(thread?.reactions),
      comments: comments.map(commentView),
    };
  }
}
