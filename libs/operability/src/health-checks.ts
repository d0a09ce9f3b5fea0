import { Injectable } from '@nestjs/common';

/**
 * One dependency the service needs to serve traffic. `check` resolves when it is usable, rejects
 * when it is not, and resolves to `degraded(why)` when it works but has set some work aside (a
 * projection or relay that parked events): the service still serves, operators must look.
 */
export type HealthCheck = Readonly<{
  name: string;
  check: () => Promise<unknown>;
  /** Default 2000 ms. A check that takes longer counts as down. */
  timeoutMs?: number;
}>;

/** What a check resolves to when it works with some work set aside. */
export type Degraded = Readonly<{ degraded: string }>;

export const degraded = (why: string): Degraded => ({ degraded: why });

const isDegraded = (outcome: unknown): outcome is Degraded =>
  typeof outcome === 'object' &&
  outcome !== null &&
  typeof (outcome as { degraded?: unknown }).degraded === 'string';

/** What a check resolves to when it is up and has something to say (a consumer still joining). */
export type Noted = Readonly<{ note: string }>;

export const noted = (note: string): Noted => ({ note });

const isNoted = (outcome: unknown): outcome is Noted =>
  typeof outcome === 'object' &&
  outcome !== null &&
  typeof (outcome as { note?: unknown }).note === 'string';

export type CheckResult = Readonly<{
  name: string;
  status: 'up' | 'degraded' | 'down';
  latencyMs: number;
  /** Why a check is degraded, or what an up check noted. */
  detail?: string;
  error?: string;
}>;

/** `degraded` answers 200: traffic may come, an operator must look (ADR 0026). */
export type ReadinessReport = Readonly<{
  status: 'ready' | 'degraded' | 'not_ready' | 'shutting_down';
  checks: readonly CheckResult[];
}>;

const DEFAULT_TIMEOUT_MS = 2_000;

/** The readiness checks of this service; services add theirs at start-up. */
@Injectable()
export class HealthChecks {
  private readonly checks = new Map<string, HealthCheck>();
  private shuttingDown = false;

  register(...checks: HealthCheck[]): void {
    for (const check of checks) this.checks.set(check.name, check);
  }

  unregister(name: string): void {
    this.checks.delete(name);
  }

  /** From the first shutdown signal on, the service reports not ready so traffic moves away. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<ReadinessReport> {
    const checks = await Promise.all([...this.checks.values()].map(run));
    if (this.shuttingDown) return { status: 'shutting_down', checks };
    if (checks.some((c) => c.status === 'down')) return { status: 'not_ready', checks };
    if (checks.some((c) => c.status === 'degraded')) return { status: 'degraded', checks };
    return { status: 'ready', checks };
  }
}

const run = async (check: HealthCheck): Promise<CheckResult> => {
  const started = performance.now();
  const latencyMs = () => Math.round((performance.now() - started) * 10) / 10;
  const timeoutMs = check.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      check.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    if (isDegraded(outcome)) {
      return {
        name: check.name,
        status: 'degraded',
        latencyMs: latencyMs(),
        detail: outcome.degraded.slice(0, 200),
      };
    }
    return {
      name: check.name,
      status: 'up',
      latencyMs: latencyMs(),
      ...(isNoted(outcome) ? { detail: outcome.note.slice(0, 200) } : {}),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      name: check.name,
      status: 'down',
      latencyMs: latencyMs(),
      error: message.slice(0, 200),
    };
  } finally {
    clearTimeout(timer);
  }
};

/** PostgreSQL: `select 1` through the service's pool. */
export const postgresHealthCheck = (
  pool: { query: (sql: string) => Promise<unknown> },
  name = 'postgres',
): HealthCheck => ({ name, check: () => pool.query('select 1') });

/** Kafka: the cluster answers a metadata request (a connected kafkajs Admin). */
export const kafkaHealthCheck = (
  admin: { describeCluster: () => Promise<unknown> },
  name = 'kafka',
): HealthCheck => ({ name, check: () => admin.describeCluster() });

/** MongoDB/FerretDB: `ping` on a mongoose connection. */
export const mongoHealthCheck = (
  connection: { db?: { admin: () => { ping: () => Promise<unknown> } } | null },
  name = 'mongo',
): HealthCheck => ({
  name,
  check: async () => {
    if (!connection.db) throw new Error('not connected');
    await connection.db.admin().ping();
  },
});
