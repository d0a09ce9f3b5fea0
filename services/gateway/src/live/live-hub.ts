import type { IntegrationEnvelope, LiveChange, LiveSubject } from '@rhythm/contracts';
import { metrics } from '@rhythm/operability';
import { guardOf, liveChangeOf } from './live-change-of';
import type { SubjectAnswer, SubjectVisibility } from './subject-visibility';

/** Who is at the other end of a live stream. */
export type LiveAudience =
  | Readonly<{ kind: 'person'; personId: string; token: string; expiresAt: number }>
  | Readonly<{ kind: 'board'; boardToken: string; objectiveIds: ReadonlySet<string> }>;

/** One open stream: the hub writes changes to it and closes it. */
export type LiveConnection = {
  readonly tenantId: string;
  audience: LiveAudience;
  readonly send: (change: LiveChange) => void;
  readonly heartbeat: () => void;
  readonly close: (why: string) => void;
};

export type LiveHubOptions = Readonly<{
  connectionsPerPerson: number;
  heartbeatMs: number;
  batchMs: number;
  catchUpMs: number;
  /** Tests: the clock, in milliseconds. */
  now?: () => number;
}>;

type Batch = {
  readonly tenantId: string;
  guard: LiveSubject;
  readonly changes: LiveChange[];
};

const connectionsGauge = metrics.gauge({
  name: 'rhythm_gateway_live_connections',
  help: 'Live streams open on this replica, by audience (person or board)',
  labelNames: ['audience'],
});
const changesPushed = metrics.counter({
  name: 'rhythm_gateway_live_changes_pushed_total',
  help: 'Changes written to live streams, by the service whose topic carried them',
  labelNames: ['service'],
});
const visibilityQuestions = metrics.counter({
  name: 'rhythm_gateway_live_visibility_questions_total',
  help: 'Questions to the owning services whether a person may see a subject, by answer',
  labelNames: ['answer'],
});

const CATCH_UP_INTERVAL_MS = 100;
/** At most this many questions to the services at once per batch. */
const QUESTIONS_AT_ONCE = 16;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The live streams of this replica and what goes to each. A change whose subjects may be private
 * (an objective, a kudos, a blocker...) goes to a person only once the owning service has said,
 * with that person's token, that they may see it: the first change of a subject is asked about at
 * once, the ones that follow within `batchMs` share one question, and no answer is kept beyond
 * its batch (ADR 0050).
 * Org structure and cycles are for everyone in the organisation. A TV board gets the changes of
 * the objectives it shows.
 */
export class LiveHub {
  private readonly byTenant = new Map<string, Set<LiveConnection>>();
  private readonly batches = new Map<string, Batch>();
  /** When each subject was last asked about: the start of its batching window. */
  private readonly lastAsked = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();
  private readonly heartbeats: NodeJS.Timeout;
  private readonly now: () => number;
  private closed = false;

  constructor(
    private readonly visibility: SubjectVisibility,
    private readonly options: LiveHubOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.heartbeats = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeats.unref();
  }

  get connectionCount(): number {
    let count = 0;
    for (const connections of this.byTenant.values()) count += connections.size;
    return count;
  }

  /** Adds a stream; a person over the cap loses their oldest stream (a forgotten tab). */
  open(connection: LiveConnection): void {
    if (this.closed) {
      connection.close('shutting down');
      return;
    }
    const connections = this.byTenant.get(connection.tenantId) ?? new Set<LiveConnection>();
    this.byTenant.set(connection.tenantId, connections);
    const { audience } = connection;
    if (audience.kind === 'person') {
      const own = [...connections].filter(
        (other) =>
          other.audience.kind === 'person' && other.audience.personId === audience.personId,
      );
      for (const oldest of own.slice(
        0,
        Math.max(0, own.length - this.options.connectionsPerPerson + 1),
      )) {
        oldest.close('too many live streams for one person');
        this.remove(oldest);
      }
    }
    connections.add(connection);
    connectionsGauge.inc({ audience: audience.kind });
  }

  remove(connection: LiveConnection): void {
    const connections = this.byTenant.get(connection.tenantId);
    if (!connections?.delete(connection)) return;
    connectionsGauge.dec({ audience: connection.audience.kind });
    if (connections.size === 0) this.byTenant.delete(connection.tenantId);
  }

  /** An integration event from a topic: to whom it goes, now or after its batch. */
  publish(envelope: IntegrationEnvelope): void {
    const connections = this.byTenant.get(envelope.tenantId);
    if (!connections || this.closed) return;
    const change = liveChangeOf(envelope);
    for (const connection of connections) {
      const { audience } = connection;
      if (
        audience.kind === 'board' &&
        change.subjects.some(
          (subject) => subject.kind === 'objective' && audience.objectiveIds.has(subject.id),
        )
      ) {
        this.push(connection, change);
      }
    }
    const guard = guardOf(change);
    if (!guard) {
      for (const connection of connections) {
        if (connection.audience.kind === 'person') this.push(connection, change);
      }
      return;
    }
    const key = `${envelope.tenantId}|${guard.kind}:${guard.id}`;
    const batch = this.batches.get(key);
    if (batch) {
      batch.changes.push(change);
      if ((guard.version ?? -1) > (batch.guard.version ?? -1)) batch.guard = guard;
      return;
    }
    this.batches.set(key, { tenantId: envelope.tenantId, guard, changes: [change] });
    // The first change of a subject is asked about at once; more of it within `batchMs` of that
    // question wait for the window's end and share one question.
    const asked = this.lastAsked.get(key);
    const delay = asked === undefined ? 0 : Math.max(0, asked + this.options.batchMs - this.now());
    const flushed = sleep(delay).then(() => this.flush(key));
    this.pending.add(flushed);
    void flushed.finally(() => this.pending.delete(flushed));
  }

  private async flush(key: string): Promise<void> {
    const batch = this.batches.get(key);
    this.batches.delete(key);
    if (!batch || this.closed) return;
    this.lastAsked.set(key, this.now());
    const people = new Map<string, LiveConnection[]>();
    for (const connection of this.byTenant.get(batch.tenantId) ?? []) {
      if (connection.audience.kind !== 'person') continue;
      const own = people.get(connection.audience.personId) ?? [];
      own.push(connection);
      people.set(connection.audience.personId, own);
    }
    const waiting = [...people.values()];
    const work = async () => {
      for (let own = waiting.shift(); own; own = waiting.shift()) {
        const audience = own[0].audience as Extract<LiveAudience, { kind: 'person' }>;
        const answer = await this.ask(audience.token, batch.guard);
        if (!answer.visible) continue;
        for (const connection of own) {
          for (const change of batch.changes) this.push(connection, change);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(QUESTIONS_AT_ONCE, waiting.length) }, work));
  }

  /**
   * The owning service's answer; when the change carries its stream's version and the service
   * shows an older one, asked again shortly, so that the console's refetch finds the change.
   */
  private async ask(token: string, subject: LiveSubject): Promise<SubjectAnswer> {
    const deadline = this.now() + this.options.catchUpMs;
    for (;;) {
      const answer = await this.visibility.ask(token, subject);
      visibilityQuestions.inc({ answer: answer.visible ? 'visible' : 'hidden' });
      const behind =
        answer.visible &&
        subject.version !== undefined &&
        answer.version !== undefined &&
        answer.version < subject.version;
      if (!behind || this.now() + CATCH_UP_INTERVAL_MS > deadline || this.closed) return answer;
      await sleep(CATCH_UP_INTERVAL_MS);
    }
  }

  private push(connection: LiveConnection, change: LiveChange): void {
    connection.send(change);
    changesPushed.inc({ service: change.service });
  }

  /** Heartbeats keep proxies from closing a quiet stream; an ended session ends its stream. */
  private beat(): void {
    const nowSeconds = this.now() / 1000;
    for (const [key, asked] of this.lastAsked) {
      if (asked + this.options.batchMs < this.now()) this.lastAsked.delete(key);
    }
    for (const connections of [...this.byTenant.values()]) {
      for (const connection of [...connections]) {
        const { audience } = connection;
        if (audience.kind === 'person' && audience.expiresAt <= nowSeconds) {
          connection.close('the session has ended');
          this.remove(connection);
        } else connection.heartbeat();
      }
    }
  }

  /** Shutdown: every stream is closed (browsers reconnect to another replica). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeats);
    for (const connections of [...this.byTenant.values()]) {
      for (const connection of [...connections]) {
        connection.close('the gateway is shutting down');
        this.remove(connection);
      }
    }
    await Promise.allSettled([...this.pending]);
  }
}
