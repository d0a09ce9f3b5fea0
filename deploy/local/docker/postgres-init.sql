-- Run once by the postgres image on an empty volume (docker-compose.yml).
-- POSTGRES_DB already created "rhythm" (the event store); add the test database. The services'
-- roles come next, from deploy/local/postgres-roles.sql (20-roles.sql).
CREATE DATABASE rhythm_test OWNER rhythm;
