import type { Lease } from './lease';
import { silentLeaseLogger, type LeaseLogger } from './lease-observer';
import { pause } from './pause';

export type LeasedScheduleOptions = Readonly<{
  /** E.g. `scheduler:checkins-overdue`: one replica ticks, the others stand by. */
  lease: Lease;
  /** Pause between the end of one tick and the start of the next. */
  everyMs: number;
  /**
   * One run of the scheduled work. `signal` aborts when the lease is lost or the schedule stops:
   * finish or give up quickly. A tick that throws is logged; the next one runs on time.
   */
  tick: (signal: AbortSignal) => Promise<void>;
  logger?: LeaseLogger;
}>;

/**
 * A periodic job (overdue detection, say) that runs on one replica at a time: it ticks at once
 * when this replica takes the lease, then every `everyMs`, and never while it stands by.
 */
export class LeasedSchedule {
  private readonly logger: LeaseLogger;

  constructor(private readonly options: LeasedScheduleOptions) {
    this.logger = options.logger ?? silentLeaseLogger;
  }

  get lease(): Lease {
    return this.options.lease;
  }

  /** Resolves once this replica ticks or stands by (see Lease.start). */
  start(): Promise<void> {
    return this.options.lease.start((signal) => {
      const ticking = this.tickUntil(signal);
      return Promise.resolve({ stop: () => ticking });
    });
  }

  /** Waits for the tick in flight, then releases the lease. */
  stop(): Promise<void> {
    return this.options.lease.stop();
  }

  private async tickUntil(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.options.tick(signal);
      } catch (error) {
        if (!signal.aborted) {
          this.logger.error({ lease: this.lease.name, err: error }, 'scheduled tick failed');
        }
      }
      await pause(this.options.everyMs, signal);
    }
  }
}
