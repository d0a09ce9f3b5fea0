import {
  postgresLease,
  soleLease,
  type Lease,
  type LeaseTerm,
  type PostgresLeaseOptions,
} from '@rhythm/coordination';
import type { Event, EventStore } from '@rhythm/event-sourcing';
import { degraded, noted, type Degraded, type HealthCheck, type Noted } from '@rhythm/operability';
import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import type { Projection } from './projection';
import { ProjectionGenerations } from './projection-generations';
import { ProjectionRunner } from './projection-runner';
import { databaseOf } from './read-store';
import { removeRetiredProjection, type RetiredProjection } from './retired-projection';

/** The part of a pino logger the fleet writes to. */
export type FleetLogger = Readonly<{
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}>;

export type ProjectionFleetOptions = Readonly<{
  connection: Connection;
  store: EventStore;
  logger: FleetLogger;
  /** Events per bulk flush (see ProjectionRunnerOptions.batchSize). */
  batchSize?: number;
  /**
   * The database whose advisory locks the replicas share: one lease per projection. Omitted, the
   * fleet runs every projection without asking (a test or script known to be the only runner).
   */
  leases?: Readonly<{ connectionString: string; metrics?: Registry }> &
    Pick<PostgresLeaseOptions, 'pollIntervalMs' | 'checkIntervalMs'>;
  /**
   * Projections the service no longer runs: the replica that takes a retired one's lease removes
   * what it left in the read store, then keeps the lease, so that no replica of an older version
   * runs it again during a rolling upgrade (ADR 0059).
   */
  retired?: readonly RetiredProjection[];
}>;

/** One projection, its lease, and the runner of the term this replica holds it, if any. */
type Member = {
  readonly projection: Projection<Event, string>;
  readonly lease: Lease;
  runner?: ProjectionRunner<Event, string>;
};

/**
 * A service's projections, each run by one replica at a time under its own lease
 * `projection:<read database>:<projection>` (ADR 0027), so replicas share them out. While this
 * replica holds a lease, a runner follows the context's event store from the checkpoint; when it
 * loses the lease or stops, the runner flushes, saves its checkpoint and stops. Logs rebuild
 * progress, outages and failures.
 */
export class ProjectionFleet {
  readonly name = 'projections';
  private readonly members: readonly Member[];
  private readonly retirements: readonly Readonly<{ retired: RetiredProjection; lease: Lease }>[];
  private generationPointers: ProjectionGenerations | undefined;

  constructor(
    projections: readonly Projection<Event, string>[],
    private readonly options: ProjectionFleetOptions,
  ) {
    const { connection, leases, logger } = options;
    // One lease per version: during a rolling upgrade the new version rebuilds beside the old
    // one, which old replicas keep running live until the swap supersedes them.
    const leaseOf = (projection: Readonly<{ name: string; version: number }>): Lease => {
      const name = `projection:${connection.name}:${projection.name}:v${projection.version}`;
      return leases ? postgresLease({ ...leases, name, logger }) : soleLease({ name, logger });
    };
    this.members = projections.map((projection) => ({ projection, lease: leaseOf(projection) }));
    this.retirements = (options.retired ?? []).map((retired) => ({
      retired,
      lease: leaseOf(retired),
    }));
  }

  /** The runners of the projections this replica runs now. */
  get runners(): readonly ProjectionRunner<Event, string>[] {
    return this.members.flatMap((member) =>
      member.lease.state === 'held' && member.runner ? [member.runner] : [],
    );
  }

  /** Resolves once every projection follows the store here or another replica holds it. */
  async start(): Promise<void> {
    await Promise.all([
      ...this.members.map((member) => member.lease.start((signal) => this.run(member, signal))),
      ...this.retirements.map(({ retired, lease }) => lease.start(() => this.retire(retired))),
    ]);
  }

  /** Flushes and saves checkpoints, then hands the leases over; stopping twice is harmless. */
  async stop(): Promise<void> {
    await Promise.all([...this.members, ...this.retirements].map((member) => member.lease.stop()));
  }

  /** For the shutdown sequence (a Drainable). */
  drain(): Promise<void> {
    return this.stop();
  }

  /** Ready while every projection this replica runs follows the store (degraded: parked events). */
  healthCheck(): HealthCheck {
    return { name: 'projections', check: () => this.assertFollowing() };
  }

  /**
   * Resolves while every projection this replica runs follows the store, to `degraded(…)` naming
   * those holding parked events, or noting those another replica runs; rejects naming those that
   * do not follow here (a runner that failed, until its lease is contended again).
   */
  async assertFollowing(): Promise<Degraded | Noted | undefined> {
    await this.assertReadersOnThisVersion();
    const here = this.members.flatMap((member) =>
      (member.lease.state === 'held' || member.lease.state === 'resting') && member.runner
        ? [member.runner]
        : [],
    );
    const behind = here.filter(
      (runner) => runner.status === 'failed' || runner.status === 'recovering',
    );
    if (behind.length > 0) {
      return Promise.reject(
        new Error(behind.map((runner) => `${runner.projection.name} ${runner.status}`).join(', ')),
      );
    }
    const parking = here.filter((runner) => runner.parked() > 0);
    if (parking.length > 0) {
      return Promise.resolve(
        degraded(
          parking
            .map((runner) => `${runner.projection.name}: ${runner.parked()} parked events`)
            .join(', '),
        ),
      );
    }
    const elsewhere = this.members.filter((member) => member.lease.state === 'standby');
    return Promise.resolve(
      elsewhere.length === 0
        ? undefined
        : noted(
            `standby for ${elsewhere.map((member) => member.projection.name).join(', ')}: ` +
              'another replica runs them',
          ),
    );
  }

  /**
   * Rejects while a projection's readers' generation was built by another version than this
   * replica's code: its queries would read documents of another shape (a rolling upgrade before
   * the new version's rebuild swapped, or an old replica after it). Not ready, traffic stays on
   * the replicas whose code matches the data.
   */
  private async assertReadersOnThisVersion(): Promise<void> {
    this.generationPointers ??= new ProjectionGenerations(databaseOf(this.options.connection));
    const mismatched: string[] = [];
    for (const { projection } of this.members) {
      const pointer = await this.generationPointers.read(projection.name);
      if (pointer && pointer.active.version !== projection.version) {
        mismatched.push(
          `${projection.name} is read at version ${pointer.active.version}, this replica needs ` +
            `version ${projection.version}${pointer.active.version < projection.version ? ' (rebuilding)' : ''}`,
        );
      }
    }
    if (mismatched.length > 0) throw new Error(mismatched.join(', '));
  }

  /** One term of a projection's lease: a new runner (a stopped one does not start again). */
  private async run(member: Member, signal: AbortSignal) {
    const runner = this.runnerFor(member.projection);
    member.runner = runner;
    // A rebuild at start can take minutes: losing the lease meanwhile stops it.
    signal.addEventListener('abort', () => void runner.stop(), { once: true });
    await runner.start();
    return { stop: () => runner.stop(), ended: runner.done };
  }

  /** One term of a retired projection's lease: remove what it left, then hold the lease. */
  private async retire(retired: RetiredProjection): Promise<LeaseTerm> {
    const generations = await removeRetiredProjection(databaseOf(this.options.connection), retired);
    if (generations.length > 0) {
      this.options.logger.info(
        { projection: retired.name, generations },
        'removed a retired projection from the read store',
      );
    }
    // Nothing runs; the term lasts until the lease is lost or the replica stops.
    return { stop: () => Promise.resolve() };
  }

  private runnerFor(projection: Projection<Event, string>): ProjectionRunner<Event, string> {
    const { logger } = this.options;
    return new ProjectionRunner(projection, {
      connection: this.options.connection,
      store: this.options.store,
      batchSize: this.options.batchSize,
      onRebuildProgress: (progress) =>
        logger.info(
          {
            ...progress,
            position: progress.position?.toString(),
            head: progress.head?.toString(),
          },
          'rebuilding a projection',
        ),
      onRecovering: (error, retryInMs) =>
        logger.warn(
          { projection: projection.name, err: error, retryInMs },
          'projection waits for its stores to come back',
        ),
      onError: (error) =>
        logger.error({ projection: projection.name, err: error }, 'projection failed'),
      onParked: (event, reason) =>
        logger.warn(
          {
            projection: projection.name,
            tenantId: event.metadata.tenantId,
            streamId: event.streamId,
            streamRevision: event.streamRevision,
            globalPosition: event.globalPosition.toString(),
            eventType: event.type,
            ...('error' in reason
              ? { err: reason.error }
              : { behindPosition: reason.behind.toString() }),
          },
          'error' in reason
            ? 'projection parked an event it cannot apply and goes on'
            : 'projection parked an event behind an earlier parked event of its stream',
        ),
      onReplayed: ({ event, outcome, error }) =>
        (outcome === 'replayed' ? logger.info : logger.warn).call(
          logger,
          {
            projection: projection.name,
            tenantId: event.tenantId,
            streamId: event.streamId,
            streamRevision: event.streamRevision,
            globalPosition: event.globalPosition.toString(),
            outcome,
            ...(error === undefined ? {} : { error }),
          },
          'projection replayed a parked event',
        ),
    });
  }
}
