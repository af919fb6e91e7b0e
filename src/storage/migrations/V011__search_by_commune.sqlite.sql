-- SQLite: nothing for version 11 (its search index has held the area ids since version 7).
SELECT 1;
