-- SQLite: nothing more for version 9. A SQLite database is never distributed, and rebuilding
-- every table to put the commune code into its keys would buy nothing; the PostgreSQL
-- version of this step does (V009__commune_keys.postgres.sql).
SELECT 1;
