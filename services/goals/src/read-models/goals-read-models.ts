import { Inject, Injectable } from '@nestjs/common';
import { ProjectionCheckpoints } from '@rhythm/projections';
import type { Connection } from 'mongoose';
import { GOALS_READ_STORE } from '../infrastructure/goals-tokens';
import {
  goalsRepositories,
  type AmbitionsRepository,
  type CyclesRepository,
  type ObjectiveCardsRepository,
  type ProposalsRepository,
} from './goals-read-model.repositories';
import { goalsProjections } from './goals-projections';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The goals read models on the read store: tenant-scoped repositories. */
@Injectable()
export class GoalsReadModels {
  readonly cards: ObjectiveCardsRepository;
  readonly cycles: CyclesRepository;
  readonly proposals: ProposalsRepository;
  readonly ambitions: AmbitionsRepository;
  private readonly connection: Connection;

  constructor(@Inject(GOALS_READ_STORE) connection: Connection) {
    this.connection = connection;
    const repositories = goalsRepositories(connection);
    this.cards = repositories.cards;
    this.cycles = repositories.cycles;
    this.proposals = repositories.proposals;
    this.ambitions = repositories.ambitions;
  }

  /** Where a projection's active generation stands: every event up to it is in its documents. */
  async positionOf(projection: string): Promise<bigint | undefined> {
    const checkpoint = await new ProjectionCheckpoints(this.connection.db!).read(projection);
    return checkpoint?.position == null ? undefined : BigInt(checkpoint.position);
  }

  /**
   * Waits until the projections of `streamId`'s kind have stored everything up to `position`
   * (read your writes after a command appended there). The runners save their checkpoint right
   * after flushing when the feed goes idle, so a checkpoint at or past `position` means the
   * writes are readable. Projections of other stream kinds never see that position: not waited for.
   */
  async caughtUpWith(streamId: string, position: bigint, timeoutMs = 5_000): Promise<boolean> {
    const checkpoints = new ProjectionCheckpoints(this.connection.db!);
    const concerned = goalsProjections.filter((projection) =>
      (projection.streamPrefixes ?? ['']).some((prefix) => streamId.startsWith(prefix)),
    );
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await Promise.all(
        concerned.map((projection) => checkpoints.read(projection.name)),
      );
      if (
        stored.every(
          (checkpoint) => checkpoint?.position != null && BigInt(checkpoint.position) >= position,
        )
      ) {
        return true;
      }
      if (Date.now() >= deadline) return false;
      await sleep(20);
    }
  }
}
