-- Run once by the postgres image on an empty volume (docker-compose.yml).
-- POSTGRES_DB already created "rhythm" (the event store); add the test database.
CREATE DATABASE rhythm_test OWNER rhythm;
