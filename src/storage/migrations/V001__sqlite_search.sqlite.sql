-- SQLite-only: full-text index over the folded names (our own folding handles đ -> d,
-- which FTS5's remove_diacritics does not). Kept in sync by triggers.
CREATE VIRTUAL TABLE household_fts USING fts5(name);
CREATE VIRTUAL TABLE resident_fts USING fts5(name);
CREATE TRIGGER households_ai AFTER INSERT ON households BEGIN
    INSERT INTO household_fts(rowid, name) VALUES (new.seq, new.name_folded);
END;
CREATE TRIGGER households_au AFTER UPDATE OF name_folded ON households BEGIN
    DELETE FROM household_fts WHERE rowid = old.seq;
    INSERT INTO household_fts(rowid, name) VALUES (new.seq, new.name_folded);
END;
CREATE TRIGGER households_ad AFTER DELETE ON households BEGIN
    DELETE FROM household_fts WHERE rowid = old.seq;
END;
CREATE TRIGGER residents_ai AFTER INSERT ON residents BEGIN
    INSERT INTO resident_fts(rowid, name) VALUES (new.seq, new.name_folded);
END;
CREATE TRIGGER residents_au AFTER UPDATE OF name_folded ON residents BEGIN
    DELETE FROM resident_fts WHERE rowid = old.seq;
    INSERT INTO resident_fts(rowid, name) VALUES (new.seq, new.name_folded);
END;
CREATE TRIGGER residents_ad AFTER DELETE ON residents BEGIN
    DELETE FROM resident_fts WHERE rowid = old.seq;
END;
