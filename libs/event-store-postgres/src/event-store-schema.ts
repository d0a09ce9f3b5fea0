/**
 * The store's tables and its append function, all inside one PostgreSQL schema so that several
 * stores (one per service, one per test run) can share a database without seeing each other.
 *
 * Global ordering (docs/adr/0003-postgres-event-store-global-ordering.md): every append takes a
 * transaction-scoped advisory lock before it reads the head position, and keeps it until commit.
 * Positions are therefore handed out in commit order, and because PostgreSQL makes a transaction
 * visible before it releases its locks, a reader that sees position p also sees every position
 * below p. Readers can page by a single bigint and never skip a late commit.
 *
 * The schema is versioned (`event_store_migrations`): `eventStoreMigrations` lists every step, and
 * a store already at the latest version needs no privilege to find that out. Each event carries
 * its stream's chain hash (hash-chain.ts, docs/adr/0029-a-record-no-one-can-rewrite.md).
 */
import { epochMicrosSql, eventHashSql, genesisHashSql, storedEventFields } from './hash-chain';

const schemaName = /^[a-z_][a-z0-9_]{0,40}$/;

export const assertSchemaName = (schema: string): string => {
  if (!schemaName.test(schema)) {
    throw new Error(
      `Invalid event store schema name "${schema}": use lower-case letters, digits and _ (max 41)`,
    );
  }
  return schema;
};

/** Channel on which each append announces the position of its last event, at commit. */
export const notificationChannel = (schema: string): string => `${schema}_events`;

/** Advisory lock class (first key) of the append; the second key is hashtext(schema). */
export const appendLockClass = 0x52485931; // 'RHY1': the position hand-out lock

/** One step of the store's schema, applied once per store in version order. */
export type EventStoreMigration = Readonly<{
  version: number;
  description: string;
  statements: (schema: string) => string[];
}>;

/** Where a store records the steps applied to it (the service's role may read it, nothing more). */
export const migrationsTable = (schema: string): string =>
  `"${assertSchemaName(schema)}".event_store_migrations`;

export const migrationsTableStatement = (schema: string): string =>
  `CREATE TABLE IF NOT EXISTS ${migrationsTable(schema)} (
     version    int PRIMARY KEY,
     description text NOT NULL,
     applied_at timestamptz NOT NULL DEFAULT now()
   )`;

/**
 * Every step since the first release. A store made before the steps were recorded counts as
 * version 0: step 1 is written to be a no-op on it (IF NOT EXISTS), step 2 then chains it.
 */
export const eventStoreMigrations: readonly EventStoreMigration[] = [
  {
    version: 1,
    description: 'the events table',
    statements: (schema) => {
      const s = `"${assertSchemaName(schema)}"`;
      return [
        `CREATE SCHEMA IF NOT EXISTS ${s}`,
        `CREATE TABLE IF NOT EXISTS ${s}.events (
           -- readAll / subscribeToAll page by it (keyset); the append reads the head from it.
           global_position bigint PRIMARY KEY,
           stream_id       text        NOT NULL,
           stream_revision int         NOT NULL,
           -- Refuses to store the same event twice.
           event_id        uuid        NOT NULL UNIQUE,
           type            text        NOT NULL,
           data            jsonb       NOT NULL,
           metadata        jsonb       NOT NULL,
           tenant_id       text        NOT NULL,
           occurred_at     timestamptz NOT NULL,
           recorded_at     timestamptz NOT NULL DEFAULT now(),
           -- readStream (stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision) and the
           -- append's current-revision lookup; also the last guard against two events at one revision.
           CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision)
         )`,
      ];
    },
  },
  {
    version: 2,
    description: 'a hash chain per stream; appends only through append_to_streams',
    statements: (schema) => {
      const s = `"${assertSchemaName(schema)}"`;
      return [
        `ALTER TABLE ${s}.events ADD COLUMN IF NOT EXISTS hash bytea`,
        // Existing events, chained in stream order. Appends wait on their lock meanwhile.
        `SELECT pg_advisory_xact_lock(${appendLockClass}, hashtext('${schema}'))`,
        `DO $backfill$
         DECLARE
           r record;
           v_stream text;
           v_hash bytea;
         BEGIN
           FOR r IN SELECT e.global_position, e.stream_id, e.stream_revision, e.type, e.data,
                           e.metadata, e.recorded_at
                      FROM ${s}.events e WHERE e.hash IS NULL
                     ORDER BY e.stream_id, e.stream_revision LOOP
             IF v_stream IS DISTINCT FROM r.stream_id THEN
               v_stream := r.stream_id;
               SELECT p.hash INTO v_hash FROM ${s}.events p
                WHERE p.stream_id = r.stream_id AND p.stream_revision < r.stream_revision
                ORDER BY p.stream_revision DESC LIMIT 1;
               v_hash := coalesce(v_hash, ${genesisHashSql});
             END IF;
             v_hash := ${eventHashSql('v_hash', storedEventFields('r'))};
             UPDATE ${s}.events SET hash = v_hash WHERE global_position = r.global_position;
           END LOOP;
         END
         $backfill$`,
        `ALTER TABLE ${s}.events ALTER COLUMN hash SET NOT NULL`,
        appendFunctionStatement(schema),
        // The function runs as its owner: only the roles granted EXECUTE may append.
        `REVOKE EXECUTE ON FUNCTION ${s}.append_to_streams(jsonb) FROM PUBLIC`,
      ];
    },
  },
];

export const latestEventStoreVersion = Math.max(
  ...eventStoreMigrations.map((migration) => migration.version),
);

/**
 * What the service's role may do in a store's schema: read events and append through the
 * function, nothing else (no INSERT, UPDATE, DELETE or TRUNCATE on events, whoever granted them).
 */
export const serviceRoleGrants = (schema: string, role: string): string[] => {
  const s = `"${assertSchemaName(schema)}"`;
  return [
    `GRANT USAGE ON SCHEMA ${s} TO ${role}`,
    `REVOKE ALL ON ${s}.events, ${migrationsTable(schema)} FROM ${role}`,
    `GRANT SELECT ON ${s}.events, ${migrationsTable(schema)} TO ${role}`,
    `GRANT EXECUTE ON FUNCTION ${s}.append_to_streams(jsonb) TO ${role}`,
  ];
};

/**
 * One round trip and one commit for a group of appends (the adapter groups appends that arrive
 * while another is running): each append is checked against its expected revision and inserted,
 * or answered with appended = false and the actual revision (no exception, so one conflict does
 * not undo the others). A single append is a group of one.
 *
 * SECURITY DEFINER: it runs as the schema's owner, so the service's role needs no INSERT on
 * events; every event goes through the lock (the ordering argument) and gets its chain hash.
 * The search_path is pinned, as a definer function must: every name in it is qualified anyway.
 */
export const appendFunctionStatement = (schema: string): string => {
  const s = `"${assertSchemaName(schema)}"`;
  const channel = notificationChannel(schema);
  return `CREATE OR REPLACE FUNCTION ${s}.append_to_streams(p_appends jsonb)
     RETURNS TABLE (append_index int, appended boolean, stream_revision int, global_position bigint)
     LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
     #variable_conflict use_column
     DECLARE
       v_append jsonb;
       v_index int;
       v_stream text;
       v_expected text;
       v_current int;
       v_previous_hash bytea;
       v_count int;
       v_head bigint;
       v_first_head bigint;
       v_now timestamptz := now();
       v_recorded_micros bigint := ${epochMicrosSql('now()')};
       v_event jsonb;
       v_n int;
       v_hashes bytea[];
     BEGIN
       -- Held until commit: positions are handed out in commit order (see the ADR).
       PERFORM pg_advisory_xact_lock(${appendLockClass}, hashtext('${schema}'));
       -- Under the lock every earlier append has committed, so these reads are exact.
       SELECT coalesce(max(e.global_position), 0) INTO v_head FROM ${s}.events e;
       v_first_head := v_head;
       FOR v_append, v_index IN
         SELECT a.value, a.ordinality FROM jsonb_array_elements(p_appends) WITH ORDINALITY a
       LOOP
         v_stream := v_append ->> 'streamId';
         v_expected := v_append ->> 'expected';
         v_count := jsonb_array_length(v_append -> 'events');
         -- Also sees earlier appends of this group to the same stream.
         SELECT e.stream_revision, e.hash INTO v_current, v_previous_hash FROM ${s}.events e
          WHERE e.stream_id = v_stream ORDER BY e.stream_revision DESC LIMIT 1;
         IF v_expected = 'any'
            OR (v_expected = 'no_stream' AND v_current IS NULL)
            OR (v_expected = 'stream_exists' AND v_current IS NOT NULL)
            OR (v_expected ~ '^[0-9]+$' AND v_current IS NOT DISTINCT FROM v_expected::int) THEN
           IF v_current IS NULL THEN
             v_previous_hash := ${genesisHashSql};
           END IF;
           -- Each hash covers the one before it, so they are computed in order, then inserted
           -- with the events in one statement.
           v_hashes := '{}';
           FOR v_event, v_n IN
             SELECT x.e, x.n FROM jsonb_array_elements(v_append -> 'events') WITH ORDINALITY x(e, n)
           LOOP
             v_previous_hash := ${eventHashSql('v_previous_hash', {
               globalPosition: 'v_head + v_n',
               streamId: 'v_stream',
               streamRevision: 'coalesce(v_current, -1) + v_n',
               type: "v_event ->> 'type'",
               data: "v_event -> 'data'",
               metadata: "v_event -> 'metadata'",
               recordedMicros: 'v_recorded_micros',
             })};
             v_hashes := v_hashes || v_previous_hash;
           END LOOP;
           INSERT INTO ${s}.events (global_position, stream_id, stream_revision, event_id, type,
                                    data, metadata, tenant_id, occurred_at, recorded_at, hash)
           SELECT v_head + x.n, v_stream, coalesce(v_current, -1) + x.n::int,
                  (x.e #>> '{metadata,eventId}')::uuid, x.e ->> 'type', x.e -> 'data',
                  x.e -> 'metadata', x.e #>> '{metadata,tenantId}',
                  (x.e #>> '{metadata,occurredAt}')::timestamptz, v_now, v_hashes[x.n]
             FROM jsonb_array_elements(v_append -> 'events') WITH ORDINALITY AS x(e, n);
           v_head := v_head + v_count;
           RETURN QUERY SELECT v_index, true, coalesce(v_current, -1) + v_count, v_head;
         ELSE
           RETURN QUERY SELECT v_index, false, v_current, NULL::bigint;
         END IF;
       END LOOP;
       IF v_head > v_first_head THEN
         -- Delivered at commit, after the rows are visible.
         PERFORM pg_notify('${channel}', v_head::text);
       END IF;
     END
     $fn$`;
};
