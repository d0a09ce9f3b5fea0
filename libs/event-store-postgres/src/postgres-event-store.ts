import {
  WrongExpectedRevision,
  type AppendResult,
  type Event,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from '@rhythm/event-sourcing';
import { Pool, type ClientConfig, type QueryConfig } from 'pg';
import { AppendGroups, type AppendOutcome, type AppendRequest } from './append-groups';
import { CommitNotifications } from './commit-notifications';
import { LiveTail } from './live-tail';
import {
  assertSchemaName,
  eventStoreMigrations,
  latestEventStoreVersion,
  migrationsTable,
  migrationsTableStatement,
  notificationChannel,
  serviceRoleGrants,
} from './event-store-schema';
import { migrateOwnedSchema, quotedRole } from './owned-schema';
import { recordedEventColumns, toRecordedEvent, type RecordedEventRow } from './recorded-event.row';

export type PostgresEventStoreOptions = Readonly<{
  /** The service's role: it may read events and append, nothing else (docs/adr/0029). */
  connectionString: string;
  /**
   * The schema owner's role, for migrate() only: it creates and alters the store and grants the
   * service's role. Default: connectionString (one role does both, as in the tests).
   */
  ownerConnectionString?: string;
  /** PostgreSQL schema holding the store; tests use one of their own. Default `event_store`. */
  schema?: string;
  /** Connections for appends and reads (the subscriptions' live tail adds one listener). */
  poolSize?: number;
  /** Events fetched per readAll / catch-up page. */
  readPageSize?: number;
  /** Subscriptions re-read this often even without a notification (a missed one costs no more). */
  safetyPollIntervalMs?: number;
  /**
   * Events the subscriptions' shared live tail holds (ADR 0058); a subscription further behind
   * reads pages of its own. Default 2 000.
   */
  liveTailCapacity?: number;
  /**
   * The server cancels any statement that runs longer (statement_timeout); a server that
   * stops answering fails a little later. Default 10 000 ms.
   */
  statementTimeoutMs?: number;
  /**
   * A connection that cannot be had within this fails. Kept apart from the statement timeout: a
   * short statement bound must not fail the handshake of a busy server. Default 5 000 ms.
   */
  connectTimeoutMs?: number;
}>;

type AppendRow = [
  index: number,
  appended: boolean,
  streamRevision: number | null,
  globalPosition: string | null,
];

type TailShare = { readonly tail: LiveTail; readonly opened: Promise<void>; subscribers: number };

/** PostgreSQL adapter of the EventStore port; see event-store-schema.ts for the ordering design. */
export class PostgresEventStore implements EventStore {
  readonly schema: string;
  private readonly pool: Pool;
  private readonly connectionString: string;
  private readonly ownerConnectionString: string | undefined;
  private readonly connection: ClientConfig;
  private readonly pageSize: number;
  private readonly safetyPollIntervalMs: number;
  private readonly tailCapacity: number;
  /** The live tail the subscriptions at the head share (ADR 0058). */
  private tail: TailShare | undefined;
  /** Ends every subscription when the store closes. */
  private readonly closing = new AbortController();
  private readonly appendGroups = new AppendGroups((appends) => this.appendToStreams(appends));
  private readonly queries: Readonly<{
    append: string;
    readStream: string;
    readAll: string;
    readAllByPrefix: string;
    head: string;
  }>;

  constructor(options: PostgresEventStoreOptions) {
    this.schema = assertSchemaName(options.schema ?? 'event_store');
    this.connectionString = options.connectionString;
    this.ownerConnectionString = options.ownerConnectionString;
    const statementTimeoutMs = options.statementTimeoutMs ?? 10_000;
    this.connection = {
      connectionString: options.connectionString,
      // The append relies on a fresh snapshot after taking its lock (see the ADR).
      options: '-c default_transaction_isolation=read\\ committed',
      application_name: `rhythm-event-store:${this.schema}`,
      // No call waits without a bound (ADR 0028): the server cancels a statement cleanly (an
      // append rolls back whole); the client gives up on a server or network that went silent.
      // An idle LISTEN session runs no statement, so the subscription's listener is unaffected.
      statement_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + 5_000,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    };
    this.pool = new Pool({ ...this.connection, max: options.poolSize ?? 10 });
    // An idle connection that the server drops is discarded by the pool; nothing to do.
    this.pool.on('error', () => undefined);
    this.pageSize = options.readPageSize ?? 1_000;
    this.safetyPollIntervalMs = options.safetyPollIntervalMs ?? 2_000;
    this.tailCapacity = options.liveTailCapacity ?? 2_000;

    const events = `"${this.schema}".events`;
    this.queries = {
      append: `SELECT append_index, appended, stream_revision, global_position
               FROM "${this.schema}".append_to_streams($1) ORDER BY append_index`,
      // asOf: the prefix of the stream up to (not including) the first event that occurred later.
      readStream: `SELECT ${recordedEventColumns} FROM ${events}
        WHERE stream_id = $1 AND stream_revision >= $2
          AND stream_revision < coalesce((SELECT min(later.stream_revision) FROM ${events} later
                                           WHERE later.stream_id = $1 AND later.occurred_at > $3),
                                         2147483647)
        ORDER BY stream_revision LIMIT $4`,
      readAll: `SELECT ${recordedEventColumns} FROM ${events}
        WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      readAllByPrefix: `SELECT ${recordedEventColumns} FROM ${events}
        WHERE global_position > $1 AND stream_id ^@ ANY($3::text[])
        ORDER BY global_position LIMIT $2`,
      head: `SELECT max(global_position) FROM ${events}`,
    };
  }

  /**
   * Brings the schema to the latest version and grants the service's role what it needs; safe to
   * call concurrently and repeatedly. A store already at the latest version is left alone unless
   * an owner is given (then the grants are renewed), so the service's role may call it too.
   */
  async migrate(): Promise<void> {
    if (this.ownerConnectionString === undefined) {
      if ((await this.version()) === latestEventStoreVersion) return;
    }
    const migrations = migrationsTable(this.schema);
    await migrateOwnedSchema({
      schema: this.schema,
      serviceConnectionString: this.connectionString,
      ownerConnectionString: this.ownerConnectionString,
      run: async (owner, serviceRole) => {
        await owner.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
        await owner.query(migrationsTableStatement(this.schema));
        // Read again under the lock: another replica may have migrated meanwhile.
        const applied = await owner.query<{ version: number | null }>(
          `SELECT max(version) AS version FROM ${migrations}`,
        );
        const version = applied.rows[0].version ?? 0;
        for (const step of eventStoreMigrations.filter((m) => m.version > version)) {
          for (const statement of step.statements(this.schema)) await owner.query(statement);
          await owner.query(`INSERT INTO ${migrations} (version, description) VALUES ($1, $2)`, [
            step.version,
            step.description,
          ]);
        }
        if (serviceRole === undefined) return;
        for (const grant of serviceRoleGrants(this.schema, quotedRole(serviceRole))) {
          await owner.query(grant);
        }
      },
    });
  }

  /** The schema version this store is at (0: not created, or made before versions were kept). */
  async version(): Promise<number> {
    const table = migrationsTable(this.schema);
    // A schema this role may not use counts as not migrated: only its owner can tell.
    const [[exists]] = await this.rows<[boolean]>({
      text: `SELECT CASE WHEN to_regnamespace($1) IS NULL OR NOT has_schema_privilege($1, 'USAGE')
                         THEN false ELSE to_regclass($2) IS NOT NULL END`,
      values: [this.schema, table],
    });
    if (!exists) return 0;
    const [[version]] = await this.rows<[number | null]>({
      text: `SELECT max(version) FROM ${table}`,
    });
    return version ?? 0;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: Readonly<{ expectedRevision: ExpectedRevision }>,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`Nothing to append to stream ${streamId}`);
    const outcome = await this.appendGroups
      .submit({
        streamId,
        expected: expectedRevisionParameter(options.expectedRevision),
        events: events.map(({ type, data, metadata }) => ({ type, data, metadata })),
      })
      .catch((error: unknown) => {
        throw translateAppendError(error, streamId);
      });
    if (!outcome.appended) {
      throw new WrongExpectedRevision(
        streamId,
        options.expectedRevision,
        outcome.streamRevision ?? 'no_stream',
      );
    }
    return {
      nextExpectedRevision: outcome.streamRevision!,
      lastGlobalPosition: outcome.globalPosition!,
    };
  }

  private async appendToStreams(appends: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    const rows = await this.rows<AppendRow>({
      name: 'append',
      text: this.queries.append,
      values: [JSON.stringify(appends)],
    });
    return rows.map(([, appended, streamRevision, globalPosition]) => ({
      appended,
      streamRevision,
      globalPosition: globalPosition === null ? null : BigInt(globalPosition),
    }));
  }

  async readStream<E extends Event = Event>(
    streamId: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent<E>[]> {
    const rows = await this.rows<RecordedEventRow>({
      name: 'read-stream',
      text: this.queries.readStream,
      values: [
        streamId,
        options.fromRevision ?? 0,
        options.asOf ?? null,
        options.maxCount ?? null, // LIMIT NULL: no limit
      ],
    });
    // A stream holds what its aggregate appended: the reader names that type.
    return rows.map(toRecordedEvent) as RecordedEvent<E>[];
  }

  /**
   * Pages of `readPageSize` events; the next page is read while the reader works through this
   * one, so that a long read (a rebuild, a time-travel window) does not wait on PostgreSQL
   * between pages.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const read = (after: bigint) => {
      const limit = Math.min(this.pageSize, remaining);
      return { limit, page: readAhead(this.readPage(after, limit, options.streamPrefixes)) };
    };
    let next = remaining > 0 ? read(options.after ?? 0n) : undefined;
    while (next) {
      const { limit } = next;
      const page = await next.page;
      remaining -= page.length;
      next =
        page.length === limit && remaining > 0
          ? read(page[page.length - 1].globalPosition)
          : undefined;
      yield* page;
    }
  }

  /**
   * At the head, from the live tail the process shares (ADR 0058); behind it, from pages of its
   * own read with its stream filter, until it reaches the tail.
   */
  async *subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<RecordedEvent> {
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.closing.signal])
      : this.closing.signal;
    if (signal.aborted) return;
    const prefixes = options.streamPrefixes;
    const wanted = (event: RecordedEvent) =>
      prefixes === undefined || prefixes.some((prefix) => event.streamId.startsWith(prefix));
    // The tail LISTENs before its first read: a commit after the subscription starts is not missed.
    const share = await this.shareTail();
    // Behind the tail: a page of its own, and the tail's end before it was read (every position
    // up to that is visible to the read).
    const readAfter = (after: bigint) => {
      const reached = share.tail.upTo;
      return readAhead(
        this.readPage(after, this.pageSize, prefixes).then((page) => ({ reached, page })),
      );
    };
    let ahead: { after: bigint; read: ReturnType<typeof readAfter> } | undefined;
    try {
      let checkpoint = options.after ?? 0n;
      while (!signal.aborted) {
        const tail = share.tail;
        tail.throwIfFailed();
        if (checkpoint >= tail.from) {
          const { events, upTo } = tail.after(checkpoint);
          for (const event of events) {
            if (signal.aborted) return;
            if (!wanted(event)) continue;
            yield event;
            checkpoint = event.globalPosition;
          }
          // The tail holds every event up to `upTo`: those the filter dropped are not read again.
          if (upTo > checkpoint) checkpoint = upTo;
          if (events.length === 0) await tail.waitBeyond(checkpoint, signal);
          continue;
        }
        const { reached, page } = await (ahead?.after === checkpoint
          ? ahead.read
          : readAfter(checkpoint));
        // A full page: the next one is read while the subscriber works through this one.
        ahead =
          page.length === this.pageSize
            ? {
                after: page[page.length - 1].globalPosition,
                read: readAfter(page[page.length - 1].globalPosition),
              }
            : undefined;
        for (const event of page) {
          if (signal.aborted) return;
          yield event;
          checkpoint = event.globalPosition;
        }
        if (page.length < this.pageSize && reached > checkpoint) checkpoint = reached;
      }
    } finally {
      await this.releaseTail(share);
    }
  }

  /** The process's live tail, opened by its first subscriber and closed after its last. */
  private async shareTail(): Promise<TailShare> {
    let share = this.tail;
    if (share === undefined || share.tail.failed) {
      const tail = new LiveTail({
        notifications: new CommitNotifications(
          { ...this.connection, application_name: `rhythm-event-store-listener:${this.schema}` },
          notificationChannel(this.schema),
        ),
        readPage: (after, limit) => this.readPage(after, limit, undefined),
        head: async () => (await this.headPosition()) ?? 0n,
        pageSize: this.pageSize,
        capacity: this.tailCapacity,
        safetyPollIntervalMs: this.safetyPollIntervalMs,
      });
      const created: TailShare = { tail, opened: tail.open(), subscribers: 0 };
      share = this.tail = created;
      created.opened.catch(() => {
        if (this.tail === created) this.tail = undefined;
      });
    }
    share.subscribers++;
    try {
      await share.opened;
    } catch (error) {
      share.subscribers--;
      throw error;
    }
    return share;
  }

  private async releaseTail(share: TailShare): Promise<void> {
    share.subscribers--;
    if (share.subscribers > 0) return;
    if (this.tail === share) this.tail = undefined;
    await share.tail.close();
  }

  async headPosition(): Promise<bigint | undefined> {
    const [[head]] = await this.rows<[string | null]>({ name: 'head', text: this.queries.head });
    return head === null ? undefined : BigInt(head);
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.tail?.tail.close();
    await this.pool.end();
  }

  private async readPage(
    after: bigint,
    limit: number,
    streamPrefixes: readonly string[] | undefined,
  ): Promise<RecordedEvent[]> {
    const byPrefix = streamPrefixes !== undefined;
    const rows = await this.rows<RecordedEventRow>({
      name: byPrefix ? 'read-all-by-prefix' : 'read-all',
      text: byPrefix ? this.queries.readAllByPrefix : this.queries.readAll,
      values: byPrefix ? [after, limit, streamPrefixes] : [after, limit],
    });
    return rows.map(toRecordedEvent);
  }

  /** Named (prepared once per connection) query, rows as arrays. */
  private async rows<Row extends unknown[]>(query: QueryConfig): Promise<Row[]> {
    const result = await this.pool.query<Row>({ ...query, rowMode: 'array' });
    return result.rows;
  }
}

/**
 * A page read started before its reader wants it: a failure while the reader is busy (or gone)
 * is handled now, and thrown where the page is awaited (if it ever is).
 */
const readAhead = <T>(read: Promise<T>): Promise<T> => {
  read.catch(() => undefined);
  return read;
};

export const createPostgresEventStore = (options: PostgresEventStoreOptions): PostgresEventStore =>
  new PostgresEventStore(options);

/** Encodes the expected revision for the append function. */
export const expectedRevisionParameter = (expected: ExpectedRevision): string => {
  if (typeof expected !== 'number') return expected;
  // -1 is what the CommandHandler reports for an empty stream.
  if (expected === -1) return 'no_stream';
  if (!Number.isInteger(expected) || expected < 0) {
    throw new RangeError(`Expected revision must be a revision (0, 1, ...), got ${expected}`);
  }
  return String(expected);
};

const uniqueViolation = '23505';

/** A duplicate event id is a caller's bug (the same event appended twice): say so plainly. */
export const translateAppendError = (error: unknown, streamId: string): unknown => {
  const pgError = error as { code?: string; constraint?: string } | undefined;
  if (pgError?.code === uniqueViolation && pgError.constraint === 'events_event_id_key') {
    return new Error(`An event of this append to ${streamId} is already stored (same event id)`, {
      cause: error,
    });
  }
  return error;
};
