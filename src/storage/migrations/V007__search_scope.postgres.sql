-- PostgreSQL: nothing to change for version 7 (the SQLite search index gained an area column;
-- on PostgreSQL the area scope is already part of the search query's WHERE clause).
SELECT 1;
