-- Companion GIN indexes for FerretDB 1.24 on PostgreSQL (see docs/adr/0023-ferretdb-companion-indexes.md).
--
-- FerretDB 1.24 pushes an equality filter down as jsonb containment, `(_jsonb -> 'field') @> '"v"'`,
-- and builds the indexes it is asked for as btree on `(_jsonb -> 'field')`. A btree cannot serve
-- `@>`, so every find or update, even by _id, scans the whole table. For each btree index FerretDB
-- creates on top-level fields, this adds a GIN index (jsonb_path_ops) on the same expressions,
-- which serves the containment FerretDB emits. FerretDB does not know about these indexes (its own
-- metadata lists only its own) and drops them with the table.
--
-- Run on the database FerretDB uses, as a superuser; idempotent. Production runs MongoDB and
-- needs none of this.

CREATE OR REPLACE FUNCTION rhythm_gin_companion(btree regclass) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  info record;
  expressions text[] := '{}';
  expression text;
  companion text;
BEGIN
  SELECT i.indrelid::regclass AS tbl, i.indnatts AS columns, c.relname AS name, n.nspname AS schema,
         am.amname AS method
    INTO info
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_am am ON am.oid = c.relam
   WHERE i.indexrelid = btree;
  IF info IS NULL OR info.method <> 'btree' OR info.name LIKE '\_ferretdb\_%' THEN RETURN; END IF;
  -- Only tables of FerretDB: one jsonb column named _jsonb.
  IF NOT EXISTS (
    SELECT 1 FROM pg_attribute
     WHERE attrelid = info.tbl AND attname = '_jsonb' AND atttypid = 'jsonb'::regtype
  ) THEN
    RETURN;
  END IF;
  FOR k IN 1..info.columns LOOP
    expression := pg_get_indexdef(btree, k, false);
    -- Top-level fields only: a nested field is queried with #>, which this would not serve.
    IF expression !~ '^\(*_jsonb -> ''[^'']*''::text\)*$' THEN RETURN; END IF;
    expressions := expressions || format('(%s) jsonb_path_ops', expression);
  END LOOP;
  companion := left(info.name, 59) || '_gin';
  IF to_regclass(format('%I.%I', info.schema, companion)) IS NOT NULL THEN RETURN; END IF;
  EXECUTE format('CREATE INDEX %I ON %s USING gin (%s)', companion, info.tbl,
                 array_to_string(expressions, ', '));
END
$$;

CREATE OR REPLACE FUNCTION rhythm_gin_companions_on_create_index() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  command record;
BEGIN
  FOR command IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    PERFORM rhythm_gin_companion(command.objid::regclass);
  END LOOP;
END
$$;

DROP EVENT TRIGGER IF EXISTS rhythm_gin_companions;
CREATE EVENT TRIGGER rhythm_gin_companions ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION rhythm_gin_companions_on_create_index();

-- Indexes FerretDB made before the trigger existed.
SELECT rhythm_gin_companion(i.indexrelid::regclass)
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'public')
   AND n.nspname NOT LIKE 'pg_toast%';
