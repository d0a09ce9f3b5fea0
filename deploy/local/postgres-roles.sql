-- The two database roles of docs/adr/0029-a-record-no-one-can-rewrite.md, in the services'
-- database; idempotent, run as a superuser by deploy/local/stack.sh (every `up`) and by the
-- postgres image on an empty volume (docker-compose.yml).
--   rhythm_owner  owns the event stores and the relay tables and runs their migrations
--                 (DATABASE_OWNER_URL); it may create schemas in this database, nothing more.
--   rhythm_app    what the services connect as (DATABASE_URL): it owns nothing and holds only
--                 what the owner's migrations grant (read events, append through the function).
-- Local development passwords (the role names); a deployment creates its roles with its secrets.
DO $roles$
DECLARE
  v_schema text;
  v_object record;
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rhythm_owner') THEN
    CREATE ROLE rhythm_owner LOGIN PASSWORD 'rhythm_owner';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rhythm_app') THEN
    CREATE ROLE rhythm_app LOGIN PASSWORD 'rhythm_app';
  END IF;
  EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO rhythm_owner', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO rhythm_app', current_database());

  -- Stores made while the services still connected as the superuser: the owner takes them over,
  -- so that its migrations may chain them and grant rhythm_app. checkins' and recognition's
  -- stores are made by the owner from the start; they are listed for one a test or script made
  -- as the superuser.
  FOREACH v_schema IN ARRAY
    ARRAY['org_event_store', 'goals_event_store', 'checkins_event_store',
          'recognition_event_store'] LOOP
    CONTINUE WHEN to_regnamespace(v_schema) IS NULL;
    EXECUTE format('ALTER SCHEMA %I OWNER TO rhythm_owner', v_schema);
    FOR v_object IN
      SELECT c.relname AS name FROM pg_class c
       WHERE c.relnamespace = to_regnamespace(v_schema) AND c.relkind IN ('r', 'p')
         AND c.relowner <> 'rhythm_owner'::regrole
    LOOP
      EXECUTE format('ALTER TABLE %I.%I OWNER TO rhythm_owner', v_schema, v_object.name);
    END LOOP;
    FOR v_object IN
      SELECT p.oid::regprocedure AS signature FROM pg_proc p
       WHERE p.pronamespace = to_regnamespace(v_schema) AND p.proowner <> 'rhythm_owner'::regrole
    LOOP
      EXECUTE format('ALTER FUNCTION %s OWNER TO rhythm_owner', v_object.signature);
    END LOOP;
  END LOOP;
END
$roles$;
