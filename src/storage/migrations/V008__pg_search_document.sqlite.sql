-- SQLite: nothing to change for version 8 (PostgreSQL gained a search document; SQLite's
-- FTS5 index already is one).
SELECT 1;
