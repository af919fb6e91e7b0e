-- SQLite: the table PostgreSQL keeps the words of its search documents in (V040 there), made
-- and left empty so both engines hold the same tables: FTS5 gives a prefix's matches lazily and
-- needs no list of words.
CREATE TABLE name_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
