-- SQLite: the household search index gets a second column, `scope`: the ids along the
-- household's area path ("40 16813 01m8…"), so a search names both the words and the area and
-- FTS5 intersects them, instead of returning every match in the province for the area filter
-- to throw away (100,000 households: "lo van" matched 23,519). See storage/dialect.cpp.
DROP TRIGGER households_ai;
DROP TRIGGER households_au;
DROP TRIGGER households_ad;
DROP TRIGGER residents_ai;
DROP TRIGGER residents_au;
DROP TRIGGER residents_ad;
DROP TABLE household_fts;

CREATE VIRTUAL TABLE household_fts USING fts5(names, scope, prefix='1 2 3');
INSERT INTO household_fts(rowid, names, scope)
    SELECT h.seq,
           h.name_folded || ' ' || COALESCE((SELECT group_concat(name_folded, ' ') FROM residents WHERE household_id = h.id), ''),
           replace(h.area_path, '/', ' ')
    FROM households h;

CREATE TRIGGER households_ai AFTER INSERT ON households BEGIN
    INSERT INTO household_fts(rowid, names, scope) VALUES (new.seq, new.name_folded, replace(new.area_path, '/', ' '));
END;
CREATE TRIGGER households_au AFTER UPDATE OF name_folded, area_path ON households BEGIN
    DELETE FROM household_fts WHERE rowid = old.seq;
    INSERT INTO household_fts(rowid, names, scope)
        SELECT new.seq, new.name_folded || ' ' ||
               COALESCE((SELECT group_concat(name_folded, ' ') FROM residents WHERE household_id = new.id), ''),
               replace(new.area_path, '/', ' ');
END;
CREATE TRIGGER households_ad AFTER DELETE ON households BEGIN
    DELETE FROM household_fts WHERE rowid = old.seq;
END;

CREATE TRIGGER residents_ai AFTER INSERT ON residents BEGIN
    DELETE FROM household_fts WHERE rowid = (SELECT seq FROM households WHERE id = new.household_id);
    INSERT INTO household_fts(rowid, names, scope)
        SELECT h.seq, h.name_folded || ' ' ||
               (SELECT group_concat(name_folded, ' ') FROM residents WHERE household_id = h.id),
               replace(h.area_path, '/', ' ')
        FROM households h WHERE h.id = new.household_id;
END;
CREATE TRIGGER residents_au AFTER UPDATE OF name_folded ON residents BEGIN
    DELETE FROM household_fts WHERE rowid = (SELECT seq FROM households WHERE id = new.household_id);
    INSERT INTO household_fts(rowid, names, scope)
        SELECT h.seq, h.name_folded || ' ' ||
               (SELECT group_concat(name_folded, ' ') FROM residents WHERE household_id = h.id),
               replace(h.area_path, '/', ' ')
        FROM households h WHERE h.id = new.household_id;
END;
CREATE TRIGGER residents_ad AFTER DELETE ON residents BEGIN
    DELETE FROM household_fts WHERE rowid = (SELECT seq FROM households WHERE id = old.household_id);
    INSERT INTO household_fts(rowid, names, scope)
        SELECT h.seq, h.name_folded || ' ' ||
               COALESCE((SELECT group_concat(name_folded, ' ') FROM residents WHERE household_id = h.id), ''),
               replace(h.area_path, '/', ' ')
        FROM households h WHERE h.id = old.household_id;
END;
