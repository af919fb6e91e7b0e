-- SQLite-only: a full-text index of names for the household search, over the folded forms our
-- own code produces (it maps đ -> d, which FTS5's remove_diacritics does not).
-- One document per household: the household name and every resident's name, so a search is
-- one index lookup whose rowids are household rows. Prefix indexes keep "ng" or "a" fast.
-- Kept in sync by triggers.
CREATE VIRTUAL TABLE household_fts USING fts5(names, prefix='1 2 3');

CREATE TRIGGER households_ai AFTER INSERT ON households BEGIN
    INSERT INTO household_fts(rowid, names) VALUES (new.seq, new.name_folded);
END;
CREATE TRIGGER households_au AFTER UPDATE OF name_folded ON households BEGIN
    DELETE FROM household_fts WHERE rowid = old.seq;
    INSERT INTO household_fts(rowid, names)
        SELECT new.seq, new.name_folded || ' ' ||
               COALESCE((SELECT group_concat(name_folded, ' ') FROM residents WHERE household_id = new.id), '');
END;
CREATE TRIGGER households_ad AFTER DELETE ON households BEGIN
    DELETE FROM household_fts WHERE rowid = old.seq;
END;

CREATE TRIGGER residents_ai AFTER INSERT ON residents BEGIN
    DELETE FROM household_fts WHERE rowid = (SELECT seq FROM households WHERE id = new.household_id);
    INSERT INTO household_fts(rowid, names)
        SELECT h.seq, h.name_folded || ' ' ||
               (SELECT group_concat(name_folded, ' ') FROM residents WHERE household_id = h.id)
        FROM households h WHERE h.id = new.household_id;
END;
CREATE TRIGGER residents_au AFTER UPDATE OF name_folded ON residents BEGIN
    DELETE FROM household_fts WHERE rowid = (SELECT seq FROM households WHERE id = new.household_id);
    INSERT INTO household_fts(rowid, names)
        SELECT h.seq, h.name_folded || ' ' ||
               (SELECT group_concat(name_folded, ' ') FROM residents WHERE household_id = h.id)
        FROM households h WHERE h.id = new.household_id;
END;
CREATE TRIGGER residents_ad AFTER DELETE ON residents BEGIN
    DELETE FROM household_fts WHERE rowid = (SELECT seq FROM households WHERE id = old.household_id);
    INSERT INTO household_fts(rowid, names)
        SELECT h.seq, h.name_folded || ' ' ||
               COALESCE((SELECT group_concat(name_folded, ' ') FROM residents WHERE household_id = h.id), '')
        FROM households h WHERE h.id = old.household_id;
END;
