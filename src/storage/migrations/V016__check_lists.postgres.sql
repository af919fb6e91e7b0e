-- PostgreSQL: nothing for version 16. SQLite builds a temporary b-tree for each CHECK's
-- `IN (...)` list on every row written and gets the same tests as OR chains
-- (V016__check_lists.sqlite.sql); PostgreSQL compares against the list directly.
SELECT 1;
