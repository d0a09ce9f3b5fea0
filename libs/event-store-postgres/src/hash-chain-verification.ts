import type { ClientBase } from 'pg';
import { assertSchemaName } from './event-store-schema';
import { eventHashSql, genesisHashSql, hashedContentSql, storedEventFields } from './hash-chain';

/**
 * What the verify found wrong at the first broken link of a stream: the first event whose link to
 * its predecessor does not hold (docs/adr/0029-a-record-no-one-can-rewrite.md).
 *
 * - `missing-revisions`: revisions before this one are gone (deleted events).
 * - `content-changed`: the event no longer hashes to its stored hash, and the next event still
 *   links to that stored hash: its content (type, data, metadata, position, recording time) changed.
 * - `hash-changed`: the next event links to the hash of this event's content, not to the stored
 *   one: the stored hash was changed.
 * - `hash-mismatch`: no longer hashes to its stored hash; the last event, so either changed.
 * - `missing-hash`: stored without a hash (not through the append function).
 * - `column-mismatch`: a column copied from the metadata (event id, tenant, occurred-at) differs.
 */
export type ChainProblem =
  | 'missing-revisions'
  | 'content-changed'
  | 'hash-changed'
  | 'hash-mismatch'
  | 'missing-hash'
  | 'column-mismatch';

export type BrokenLink = Readonly<{
  schema: string;
  streamId: string;
  streamRevision: number;
  globalPosition: bigint;
  problem: ChainProblem;
  /** What differs, in words an auditor can act on. */
  detail: string;
}>;

/** Global positions are handed out without gaps (ADR 0003): a gap is a deleted event. */
export type MissingPositions = Readonly<{ schema: string; from: bigint; to: bigint }>;

export type StoreVerification = Readonly<{
  schema: string;
  /** False for a store not migrated to the chain yet: nothing could be verified. */
  chained: boolean;
  streams: number;
  events: number;
  /** The first broken link of each broken stream (at most `maxBrokenLinks`), in stream order. */
  brokenLinks: readonly BrokenLink[];
  /** How many streams are broken, including those not listed. */
  brokenStreams: number;
  missingPositions: readonly MissingPositions[];
  /** Roles that may UPDATE, DELETE or TRUNCATE the events (superusers and owners included). */
  mayRewrite: readonly string[];
}>;

export type ChainVerification = Readonly<{
  stores: readonly StoreVerification[];
  /** No broken link and no missing position in any chained store. */
  intact: boolean;
  elapsedMs: number;
}>;

export type VerifyOptions = Readonly<{
  /** Stores to verify; default: every event store in the database (`eventStoreSchemas`). */
  schemas?: readonly string[];
  /** Broken links listed per store (all are counted). Default 100. */
  maxBrokenLinks?: number;
}>;

/** Schemas of the database that hold an event store (an events table and its append function). */
export const eventStoreSchemas = async (sql: Pick<ClientBase, 'query'>): Promise<string[]> => {
  const result = await sql.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_namespace n
      WHERE to_regclass(format('%I.events', n.nspname)) IS NOT NULL
        AND EXISTS (SELECT 1 FROM pg_proc p
                     WHERE p.pronamespace = n.oid AND p.proname = 'append_to_streams')
      ORDER BY n.nspname`,
  );
  return result.rows.map((row) => row.schema);
};

/**
 * Checks every hash chain of the given stores: each event's hash is recomputed from its content
 * and its predecessor's stored hash, revisions run from 0 without gaps, positions have no gaps.
 * Read-only (a SELECT role suffices), and computed with PostgreSQL's built-in functions only.
 */
export const verifyHashChains = async (
  sql: Pick<ClientBase, 'query'>,
  options: VerifyOptions = {},
): Promise<ChainVerification> => {
  const startedAt = performance.now();
  const named = options.schemas !== undefined;
  const schemas = options.schemas ?? (await eventStoreSchemas(sql));
  const stores: StoreVerification[] = [];
  for (const schema of schemas) {
    assertSchemaName(schema);
    // One snapshot per store: the counts, the links and the positions agree with each other.
    await sql.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      stores.push(await verifyStore(sql, schema, options.maxBrokenLinks ?? 100));
      await sql.query('COMMIT');
    } catch (error) {
      await sql.query('ROLLBACK').catch(() => undefined);
      // A store found by looking, dropped before its turn (a test's schema): nothing to verify.
      if (!named && droppedMeanwhile(error)) continue;
      throw error;
    }
  }
  return {
    stores,
    intact: stores.every(
      (store) => store.brokenStreams === 0 && store.missingPositions.length === 0,
    ),
    elapsedMs: performance.now() - startedAt,
  };
};

const droppedMeanwhile = (error: unknown): boolean =>
  ['42P01', '3F000'].includes((error as { code?: string } | undefined)?.code ?? '');

const isoTimestamp = String.raw`'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$'`;

type LinkRow = Readonly<{
  stream_id: string;
  stream_revision: number;
  global_position: string;
  previous_revision: number | null;
  stored: Buffer | null;
  computed: Buffer | null;
  columns_match: boolean;
  broken_streams: string;
}>;

const verifyStore = async (
  sql: Pick<ClientBase, 'query'>,
  schema: string,
  maxBrokenLinks: number,
): Promise<StoreVerification> => {
  const events = `"${schema}".events`;
  const mayRewrite = await rolesThatMayRewrite(sql, events);
  const hasHash = await sql.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_attribute
                     WHERE attrelid = $1::regclass AND attname = 'hash' AND NOT attisdropped)
              AS present`,
    [events],
  );
  const counts = await sql.query<{ streams: string; events: string }>(
    `SELECT count(DISTINCT stream_id)::text AS streams, count(*)::text AS events FROM ${events}`,
  );
  const base = {
    schema,
    streams: Number(counts.rows[0].streams),
    events: Number(counts.rows[0].events),
    mayRewrite,
  };
  if (!hasHash.rows[0].present) {
    return { ...base, chained: false, brokenLinks: [], brokenStreams: 0, missingPositions: [] };
  }

  // One pass in stream order: every link is checked against the stored hash before it, so a
  // chain holds when each of its links does. Only the first broken link of a stream is kept.
  const broken = await sql.query<LinkRow>(
    `WITH links AS (
       SELECT e.stream_id, e.stream_revision, e.global_position, e.hash AS stored,
              lag(e.stream_revision) OVER w AS previous_revision,
              ${eventHashSql(
                `CASE WHEN lag(e.stream_revision) OVER w IS NULL THEN ${genesisHashSql}
                      ELSE lag(e.hash) OVER w END`,
                storedEventFields('e'),
              )} AS computed,
              (e.event_id::text = lower(e.metadata ->> 'eventId')
               AND e.tenant_id = e.metadata ->> 'tenantId'
               -- Guarded: a rewritten metadata must be reported, not break the cast.
               AND CASE WHEN e.metadata ->> 'occurredAt' ~ ${isoTimestamp}
                        THEN e.occurred_at = (e.metadata ->> 'occurredAt')::timestamptz
                        ELSE false END) AS columns_match
         FROM ${events} e
       WINDOW w AS (PARTITION BY e.stream_id ORDER BY e.stream_revision)
     ), first_broken AS (
       SELECT DISTINCT ON (stream_id) * FROM links
        WHERE stored IS DISTINCT FROM computed
           OR stream_revision <> coalesce(previous_revision + 1, 0)
           OR columns_match IS NOT TRUE
        ORDER BY stream_id, stream_revision
     )
     SELECT stream_id, stream_revision, global_position::text AS global_position,
            previous_revision, stored, computed, columns_match,
            (count(*) OVER ())::text AS broken_streams
       FROM first_broken ORDER BY stream_id LIMIT $1`,
    [maxBrokenLinks],
  );
  const brokenLinks: BrokenLink[] = [];
  for (const row of broken.rows) brokenLinks.push(await describeBreak(sql, schema, row));

  const gaps = await sql.query<{ from: string; to: string }>(
    `SELECT (coalesce(previous, 0) + 1)::text AS from, (global_position - 1)::text AS to
       FROM (SELECT global_position, lag(global_position) OVER (ORDER BY global_position) AS previous
               FROM ${events}) positions
      WHERE global_position <> coalesce(previous, 0) + 1
      ORDER BY global_position`,
  );
  return {
    ...base,
    chained: true,
    brokenLinks,
    brokenStreams: Number(broken.rows[0]?.broken_streams ?? 0),
    missingPositions: gaps.rows.map((gap) => ({
      schema,
      from: BigInt(gap.from),
      to: BigInt(gap.to),
    })),
  };
};

/** Names the problem at a stream's first broken link, looking at the next event's link. */
const describeBreak = async (
  sql: Pick<ClientBase, 'query'>,
  schema: string,
  row: LinkRow,
): Promise<BrokenLink> => {
  const at = {
    schema,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: BigInt(row.global_position),
  };
  const expectedRevision = row.previous_revision === null ? 0 : row.previous_revision + 1;
  if (row.stream_revision !== expectedRevision) {
    const missing =
      expectedRevision === row.stream_revision - 1
        ? `revision ${expectedRevision} is missing`
        : `revisions ${expectedRevision}..${row.stream_revision - 1} are missing`;
    const after =
      row.previous_revision === null
        ? 'the stream starts here'
        : `it follows revision ${row.previous_revision}`;
    return { ...at, problem: 'missing-revisions', detail: `${missing}: ${after}` };
  }
  if (row.stored === null) {
    return { ...at, problem: 'missing-hash', detail: 'stored without a hash' };
  }
  if (row.columns_match !== true) {
    return {
      ...at,
      problem: 'column-mismatch',
      detail: 'event_id, tenant_id or occurred_at differs from the metadata it was copied from',
    };
  }
  const stored = hex(row.stored);
  const computed = row.computed === null ? 'none' : hex(row.computed);
  const next = await sql.query<{ links_to_stored: boolean; links_to_computed: boolean }>(
    `SELECT e.hash = sha256($2::bytea || ${hashedContentSql(storedEventFields('e'))}) AS links_to_stored,
            e.hash = sha256($3::bytea || ${hashedContentSql(storedEventFields('e'))}) AS links_to_computed
       FROM "${schema}".events e WHERE e.stream_id = $1 AND e.stream_revision = $4`,
    [row.stream_id, row.stored, row.computed, row.stream_revision + 1],
  );
  const hashes = `stored hash ${stored}, its content and the previous hash give ${computed}`;
  const following = next.rows[0];
  if (following?.links_to_computed) {
    return {
      ...at,
      problem: 'hash-changed',
      detail: `${hashes}; the next event links to ${computed}: the stored hash was changed`,
    };
  }
  if (following?.links_to_stored) {
    return {
      ...at,
      problem: 'content-changed',
      detail: `${hashes}; the next event links to ${stored}: the content was changed`,
    };
  }
  return {
    ...at,
    problem: 'hash-mismatch',
    detail: `${hashes}; no next event confirms either: the content or the hash was changed`,
  };
};

const hex = (bytes: Buffer): string => bytes.toString('hex');

/** Who could rewrite the record: an auditor should see the list shrink to the owner and the DBAs. */
const rolesThatMayRewrite = async (
  sql: Pick<ClientBase, 'query'>,
  events: string,
): Promise<string[]> => {
  const result = await sql.query<{ role: string }>(
    `SELECT r.rolname AS role FROM pg_roles r
      WHERE r.rolname !~ '^pg_'
        AND has_table_privilege(r.oid, $1, 'UPDATE, DELETE, TRUNCATE')
      ORDER BY r.rolname`,
    [events],
  );
  return result.rows.map((row) => row.role);
};
