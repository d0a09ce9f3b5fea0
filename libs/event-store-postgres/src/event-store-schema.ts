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
    // One round trip and one commit for a group of appends (the adapter groups appends that
    // arrive while another is running): each append is checked against its expected revision
    // and inserted, or answered with appended = false and the actual revision (no exception, so
    // one conflict does not undo the others). A single append is a group of one.
    `CREATE OR REPLACE FUNCTION ${s}.append_to_streams(p_appends jsonb)
     RETURNS TABLE (append_index int, appended boolean, stream_revision int, global_position bigint)
     LANGUAGE plpgsql AS $fn$
     #variable_conflict use_column
     DECLARE
       v_append jsonb;
       v_index int;
       v_stream text;
       v_expected text;
       v_current int;
       v_count int;
       v_head bigint;
       v_first_head bigint;
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
         SELECT e.stream_revision INTO v_current FROM ${s}.events e
          WHERE e.stream_id = v_stream ORDER BY e.stream_revision DESC LIMIT 1;
         IF v_expected = 'any'
            OR (v_expected = 'no_stream' AND v_current IS NULL)
            OR (v_expected = 'stream_exists' AND v_current IS NOT NULL)
            OR (v_expected ~ '^[0-9]+$' AND v_current IS NOT DISTINCT FROM v_expected::int) THEN
           INSERT INTO ${s}.events (global_position, stream_id, stream_revision, event_id, type,
                                    data, metadata, tenant_id, occurred_at)
           SELECT v_head + x.n, v_stream, coalesce(v_current, -1) + x.n::int,
                  (x.e #>> '{metadata,eventId}')::uuid, x.e ->> 'type', x.e -> 'data',
                  x.e -> 'metadata', x.e #>> '{metadata,tenantId}',
                  (x.e #>> '{metadata,occurredAt}')::timestamptz
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
     $fn$`,
  ];
};
