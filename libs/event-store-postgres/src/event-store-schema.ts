/**
 * The store's tables and its append function, all inside one PostgreSQL schema so that several
 * stores (one per service, one per test run) can share a database without seeing each other.
 *
 * Global ordering (docs/adr/0003-postgres-event-store-global-ordering.md): every append takes a
 * transaction-scoped advisory lock before it reads the head position, and keeps it until commit.
 * Positions are therefore handed out in commit order, and because PostgreSQL makes a transaction
 * visible before it releases its locks, a reader that sees position p also sees every position
 * below p. Readers can page by a single bigint and never skip a late commit.
 */

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

/** Advisory lock classes (first key); the second key is hashtext(schema). */
export const appendLockClass = 0x52485931; // 'RHY1': the append (position hand-out) lock
export const migrationLockClass = 0x52485932; // 'RHY2': concurrent migrate() calls

export const migrationStatements = (schema: string): string[] => {
  const s = `"${assertSchemaName(schema)}"`;
  const channel = notificationChannel(schema);
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
    // One round trip per append: check the expected revision, insert the batch, notify.
    // Returns appended = false with the actual revision instead of raising, so a conflict costs
    // no exception handling on either side.
    `CREATE OR REPLACE FUNCTION ${s}.append_events(
       p_stream_id text, p_expected text, p_events jsonb,
       OUT appended boolean, OUT stream_revision int, OUT global_position bigint)
     LANGUAGE plpgsql AS $fn$
     DECLARE
       v_current int;
       v_head bigint;
       v_count int := jsonb_array_length(p_events);
     BEGIN
       -- Held until commit: positions are handed out in commit order (see the ADR).
       PERFORM pg_advisory_xact_lock(${appendLockClass}, hashtext('${schema}'));
       -- Under the lock every earlier append has committed, so these reads are exact.
       SELECT e.stream_revision INTO v_current FROM ${s}.events e
        WHERE e.stream_id = p_stream_id ORDER BY e.stream_revision DESC LIMIT 1;
       IF NOT (p_expected = 'any'
               OR (p_expected = 'no_stream' AND v_current IS NULL)
               OR (p_expected = 'stream_exists' AND v_current IS NOT NULL)
               OR (p_expected ~ '^[0-9]+$' AND v_current IS NOT DISTINCT FROM p_expected::int)) THEN
         appended := false;
         stream_revision := v_current;
         RETURN;
       END IF;
       SELECT coalesce(max(e.global_position), 0) INTO v_head FROM ${s}.events e;
       INSERT INTO ${s}.events (global_position, stream_id, stream_revision, event_id, type, data,
                                metadata, tenant_id, occurred_at)
       SELECT v_head + x.n, p_stream_id, coalesce(v_current, -1) + x.n::int,
              (x.e #>> '{metadata,eventId}')::uuid, x.e ->> 'type', x.e -> 'data', x.e -> 'metadata',
              x.e #>> '{metadata,tenantId}', (x.e #>> '{metadata,occurredAt}')::timestamptz
         FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n);
       appended := true;
       stream_revision := coalesce(v_current, -1) + v_count;
       global_position := v_head + v_count;
       -- Delivered at commit, after the rows are visible.
       PERFORM pg_notify('${channel}', global_position::text);
     END
     $fn$`,
  ];
};
