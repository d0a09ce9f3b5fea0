import { Inject, Injectable } from '@nestjs/common';
import {
  aggregateStream,
  readAggregate,
  type EventStore,
  type StreamUnreadable,
} from '@rhythm/event-sourcing';
import {
  blockerDecider,
  checkInDecider,
  checkinsStreams,
  findCheckIn,
  insightDecider,
  type FeedbackTarget,
  type TargetFacts,
} from '../../checkins-domain';
import { CHECKINS_EVENT_STORE } from '../../infrastructure/checkins-tokens';
import type { DirectoryObjective } from '../checkins-directory.port';
import { CheckinsFacts, type Reader } from '../checkins-facts';
import type { ThreadAddress } from './thread-address';

/** A thread's target as the domain names it, and what the directory knows of it for this reader. */
export type ResolvedTarget = Readonly<{ target: FeedbackTarget; facts: TargetFacts }>;

/**
 * Whether a thread's target exists, and whether the reader may see its objective. Read from the
 * target's own stream in the event store, not from a read model: a comment posted a moment after
 * its check-in, blocker or insight finds it (the projections may not have caught up), and a
 * withdrawn insight is known as such at once. Each stream is short (one key result's check-ins,
 * one blocker's or one insight's life). A blocker or insight on an objective out of the reader's
 * sight answers as an unknown blocker or insight; a check-in's objective, named in its path, as
 * an unknown objective (docs/security.md).
 */
@Injectable()
export class ThreadTargets {
  constructor(
    @Inject(CHECKINS_EVENT_STORE) private readonly store: EventStore,
    @Inject(CheckinsFacts) private readonly facts: CheckinsFacts,
  ) {}

  async resolve(reader: Reader, address: ThreadAddress): Promise<ResolvedTarget> {
    switch (address.kind) {
      case 'check-in':
        return this.checkIn(reader, address);
      case 'blocker':
        return this.blocker(reader, address.blockerId);
      case 'insight':
        return this.insight(reader, address.insightId);
    }
  }

  private async checkIn(
    reader: Reader,
    address: Extract<ThreadAddress, { kind: 'check-in' }>,
  ): Promise<ResolvedTarget> {
    const target: FeedbackTarget = { ...address };
    const objective = await this.facts.visibleObjective(reader, address.objectiveId, {
      wait: false,
    });
    if (objective === undefined) return { target, facts: 'no-objective' };
    const { state } = await aggregateStream(
      this.store,
      checkinsStreams.keyResultCheckIns(reader.tenantId, address.objectiveId, address.keyResultId),
      checkInDecider,
    );
    if (findCheckIn(state, address.checkInId) === undefined) return { target, facts: 'no-target' };
    return { target, facts: await this.known(reader, objective) };
  }

  private async blocker(reader: Reader, blockerId: string): Promise<ResolvedTarget> {
    const { state, unreadable } = await readAggregate(
      this.store,
      checkinsStreams.blocker(reader.tenantId, blockerId),
      blockerDecider,
    );
    if (state.status === 'none') return unknown({ kind: 'blocker', objectiveId: '', blockerId });
    const { objectiveId } = state.target;
    const target: FeedbackTarget = {
      kind: 'blocker',
      objectiveId,
      ...(state.target.kind === 'key-result' ? { keyResultId: state.target.keyResultId } : {}),
      blockerId,
    };
    return this.inSight(reader, target, unreadable);
  }

  private async insight(reader: Reader, insightId: string): Promise<ResolvedTarget> {
    const { state, unreadable } = await readAggregate(
      this.store,
      checkinsStreams.insight(reader.tenantId, insightId),
      insightDecider,
    );
    // A withdrawn insight takes its thread with it (ADR 0038): no new word on it.
    if (state.status !== 'posted') {
      return unknown({ kind: 'insight', objectiveId: '', guildId: '', insightId });
    }
    const { objectiveId, guildId } = state;
    return this.inSight(reader, { kind: 'insight', objectiveId, guildId, insightId }, unreadable);
  }

  /**
   * A blocker's or insight's stream with an event its fold cannot take (ADR 0066) is judged on
   * what came before: one who may not see its objective gets an unknown target, anyone else the
   * refusal.
   */
  private async inSight(
    reader: Reader,
    target: FeedbackTarget,
    unreadable?: StreamUnreadable,
  ): Promise<ResolvedTarget> {
    const objective = await this.facts.visibleObjective(reader, target.objectiveId, {
      wait: false,
    });
    if (objective === undefined) return unknown(target);
    if (unreadable) throw unreadable;
    return { target, facts: await this.known(reader, objective) };
  }

  private async known(reader: Reader, objective: DirectoryObjective): Promise<TargetFacts> {
    return { objectiveLeadIds: await this.facts.objectiveLeadIds(reader.tenantId, objective) };
  }
}

const unknown = (target: FeedbackTarget): ResolvedTarget => ({ target, facts: 'no-target' });
