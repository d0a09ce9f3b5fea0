import type { LockSession } from './lock-session';
import { pause } from './pause';
import { silentLeaseLogger, type LeaseLogger, type LeaseObserver } from './lease-observer';

/**
 * - `idle`: not started. `standby`: another replica holds the lease; this one polls.
 * - `held`: this replica holds it and runs the work. `resting`: the work ended by itself; the
 *   lease is released and this replica waits before contending again. `stopped`: for good.
 */
export type LeaseState = 'idle' | 'standby' | 'held' | 'resting' | 'stopped';

/** The work of one term, once started. */
export type LeaseTerm = Readonly<{
  /** Stops the work; resolves once nothing of it runs any more. */
  stop: () => Promise<void>;
  /** Settles if the work ends by itself (it failed): the lease is then released. */
  ended?: Promise<unknown>;
}>;

/**
 * Starts the work for one term of the lease and resolves once it runs. `signal` aborts when the
 * term ends (lease lost, or the replica stops), including while the work is still starting.
 */
export type LeasedWork = (signal: AbortSignal) => Promise<LeaseTerm>;

export type LeaseOptions = Readonly<{
  /** What runs once across replicas, e.g. `relay:org:org_event_store`, `projection:rhythm:org_structure`. */
  name: string;
  /** A new session for each connection: after a failure the old one is closed, never reused. */
  openSession: () => LockSession;
  logger?: LeaseLogger;
  observer?: LeaseObserver;
  /** How often a standby replica tries to take the lease. Default 1000 ms. */
  pollIntervalMs?: number;
  /** How often the holder checks its session (each check bounded by the session). Default 1000 ms. */
  checkIntervalMs?: number;
  /** First wait after the work ended by itself; doubles up to 30 s. Default 1000 ms. */
  restMs?: number;
}>;

type Outcome =
  | Readonly<{ kind: 'stopping' }>
  | Readonly<{ kind: 'lost'; error: unknown }>
  | Readonly<{ kind: 'ended'; error?: unknown }>
  | Readonly<{ kind: 'failed-to-start'; error: unknown }>;

const maxRestMs = 30_000;
/** A term that ran this long resets the rest after the next failure to its first value. */
const steadyTermMs = 60_000;

/**
 * Work that must run on exactly one replica at a time (a relay, a projection, a scheduler) runs
 * under a lease: a lock held by a dedicated session. The replica that holds it runs the work;
 * the others stand by and take over within a poll interval once the holder's session ends (the
 * process died: the server frees the lock) or the holder releases it (a clean stop: at once).
 * The holder checks its session every `checkIntervalMs` and, when it fails, stops the work before
 * doing anything else. See docs/adr/0027.
 */
export class Lease {
  private currentState: LeaseState = 'idle';
  private session: LockSession | undefined;
  /** Set when the current session dropped; the holder's current term listens for it. */
  private sessionLost: ((error: unknown) => void) | undefined;
  private readonly stopping = new AbortController();
  private contending: Promise<void> | undefined;
  private readonly logger: LeaseLogger;

  constructor(private readonly options: LeaseOptions) {
    this.logger = options.logger ?? silentLeaseLogger;
  }

  get name(): string {
    return this.options.name;
  }

  get state(): LeaseState {
    return this.currentState;
  }

  /** What this replica does with the lease, in words for readiness and logs. */
  describe(): string {
    switch (this.currentState) {
      case 'held':
        return `holds ${this.name}`;
      case 'standby':
        return `standby for ${this.name}: another replica holds it`;
      case 'resting':
        return `released ${this.name} after its work failed here; contending again soon`;
      case 'idle':
      case 'stopped':
        return `${this.currentState}: ${this.name}`;
      default:
        return unreachable(this.currentState);
    }
  }

  /**
   * Contends for the lease and runs `work` during every term this replica holds it, until
   * `stop()`. Resolves after the first attempt: standing by, or holding with the work started.
   * Rejects (and gives up) when that first attempt fails, so a misconfiguration fails the boot.
   */
  start(work: LeasedWork): Promise<void> {
    if (this.contending) throw new Error(`Lease ${this.name} is already started`);
    return new Promise<void>((resolve, reject) => {
      let reported = false;
      const firstAttempt = (error?: unknown) => {
        if (reported) return;
        reported = true;
        if (error === undefined) resolve();
        else
          reject(error instanceof Error ? error : new Error(`Lease ${this.name} could not start`));
      };
      this.contending = this.contend(work, firstAttempt).finally(() => firstAttempt());
    });
  }

  /** Stops the work (if this replica holds the lease), then releases the lease. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.contending;
    this.currentState = 'stopped';
  }

  private async contend(work: LeasedWork, firstAttempt: (error?: unknown) => void) {
    const pollMs = this.options.pollIntervalMs ?? 1_000;
    const firstRestMs = this.options.restMs ?? 1_000;
    let restMs = firstRestMs;
    let booted = false;
    let bootFailure: unknown;
    const boot = () => {
      booted = true;
      firstAttempt();
    };
    let standingBySince: number | undefined;
    while (!this.stopping.signal.aborted) {
      const session = this.openSession();
      let acquired: boolean;
      try {
        acquired = await session.tryAcquire();
      } catch (error) {
        await this.dropSession();
        if (!booted) {
          bootFailure = error;
          break;
        }
        this.logger.warn({ lease: this.name, err: error }, 'lease session failed; trying again');
        await pause(pollMs, this.stopping.signal);
        continue;
      }
      if (!acquired) {
        if (standingBySince === undefined) {
          standingBySince = Date.now();
          this.currentState = 'standby';
          this.options.observer?.standingBy?.(this.name);
          this.logger.info({ lease: this.name }, 'another replica holds the lease: standing by');
        }
        boot();
        await session.waitForRelease(pollMs, this.stopping.signal);
        continue;
      }

      const startedAt = Date.now();
      const outcome = await this.hold(session, work, standingBySince, boot);
      standingBySince = undefined;
      if (outcome.kind === 'failed-to-start' && !booted) {
        bootFailure = outcome.error;
        break;
      }
      boot();
      // A replica whose session just failed gives the healthy ones the first chance.
      if (outcome.kind === 'lost') await pause(pollMs, this.stopping.signal);
      if (outcome.kind === 'ended' || outcome.kind === 'failed-to-start') {
        if (Date.now() - startedAt >= steadyTermMs) restMs = firstRestMs;
        this.currentState = 'resting';
        this.logger.error(
          { lease: this.name, err: outcome.error, restMs },
          'the leased work ended by itself; lease released, contending again after a rest',
        );
        await pause(restMs, this.stopping.signal);
        restMs = Math.min(restMs * 2, maxRestMs);
      }
    }
    await this.dropSession();
    this.currentState = 'stopped';
    firstAttempt(bootFailure);
  }

  /** One term: runs the work until the lease is lost, the replica stops or the work ends. */
  private async hold(
    session: LockSession,
    work: LeasedWork,
    standingBySince: number | undefined,
    started: () => void,
  ): Promise<Outcome> {
    const takeover = standingBySince !== undefined;
    this.currentState = 'held';
    this.options.observer?.acquired?.(this.name, takeover);
    this.logger.info(
      {
        lease: this.name,
        takeover,
        standbyMs: takeover ? Date.now() - standingBySince : undefined,
      },
      takeover ? 'took the lease over' : 'acquired the lease',
    );

    const term = new AbortController();
    const lost = new Promise<Outcome>((resolve) => {
      this.sessionLost = (error) => resolve({ kind: 'lost', error });
    });
    const watching = this.watch(session, term.signal);
    let requestStop: () => void = () => undefined;
    const stopRequested = new Promise<Outcome>((resolve) => {
      requestStop = () => resolve({ kind: 'stopping' });
    });
    // Removed when the term ends: a lease that changes hands often keeps no listener per term.
    this.stopping.signal.addEventListener('abort', requestStop, { once: true });
    if (this.stopping.signal.aborted) requestStop();
    const starting = Promise.resolve().then(() => work(term.signal));

    const first = await Promise.race([
      starting.then(
        (running) => ({ kind: 'started' as const, running }),
        (error: unknown): Outcome => ({ kind: 'failed-to-start', error }),
      ),
      lost,
      stopRequested,
    ]);
    let running = 'running' in first ? first.running : undefined;
    if (running) started();
    const outcome: Outcome =
      'running' in first
        ? await Promise.race([
            (first.running.ended ?? new Promise<never>(() => undefined)).then(
              (): Outcome => ({ kind: 'ended' }),
              (error: unknown): Outcome => ({ kind: 'ended', error }),
            ),
            lost,
            stopRequested,
          ])
        : first;

    // The work stops before anything else: a lost lease may already be another replica's.
    term.abort();
    if (running === undefined && outcome.kind !== 'failed-to-start') {
      running = await starting.catch(() => undefined);
    }
    await running?.stop().catch((error: unknown) => {
      this.logger.error({ lease: this.name, err: error }, 'the leased work failed to stop');
    });
    await watching;
    this.sessionLost = undefined;
    this.stopping.signal.removeEventListener('abort', requestStop);

    if (outcome.kind === 'lost') {
      this.options.observer?.lost?.(this.name, outcome.error);
      this.logger.warn(
        { lease: this.name, err: outcome.error },
        'lost the lease session: work stopped; contending again',
      );
      await this.dropSession();
      this.currentState = 'standby';
      return outcome;
    }
    try {
      await session.release();
    } catch (error) {
      // Closing the session frees the lock just the same.
      await this.dropSession();
      this.logger.warn(
        { lease: this.name, err: error },
        'releasing the lease failed; session closed',
      );
    }
    this.options.observer?.released?.(this.name);
    if (outcome.kind === 'stopping') this.logger.info({ lease: this.name }, 'released the lease');
    return outcome;
  }

  /** The holder's check: the session answers and still holds the lock, or the term is lost. */
  private async watch(session: LockSession, signal: AbortSignal): Promise<void> {
    const checkMs = this.options.checkIntervalMs ?? 1_000;
    while (!signal.aborted) {
      await pause(checkMs, signal);
      if (signal.aborted) return;
      try {
        if (!(await session.verify())) throw new Error(`The lock of lease ${this.name} is gone`);
      } catch (error) {
        this.sessionLost?.(error);
        return;
      }
    }
  }

  private openSession(): LockSession {
    if (this.session) return this.session;
    const session = this.options.openSession();
    session.onLost((error) => {
      if (this.session === session) this.sessionLost?.(error);
    });
    this.session = session;
    return session;
  }

  private async dropSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.close().catch(() => undefined);
  }
}

const unreachable = (state: never): never => {
  throw new Error(`Unknown lease state ${String(state)}`);
};
