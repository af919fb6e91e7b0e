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

-- One search document per household, written once and used by every trigger below.
CREATE VIEW household_search_doc AS
    SELECT h.seq, h.id,
           h.name_folded || ' ' ||
               COALESCE((SELECT group_concat(name_folded, ' ') FROM residents WHERE household_id = h.id), '') AS names,
           replace(h.area_path, '/', ' ') AS scope
    FROM households h;

INSERT INTO household_fts(rowid, names, scope) SELECT seq, names, scope FROM household_search_doc;

CREATE TRIGGER households_ai AFTER INSERT ON households BEGIN
    INSERT INTO household_fts(rowid, names, scope) SELECT seq, names, scope FROM household_search_doc WHERE id = new.id;
END;
CREATE TRIGGER households_au AFTER UPDATE OF name_folded, area_path ON households BEGIN
    DELETE FROM household_fts WHERE rowid = old.seq;
    INSERT INTO household_fts(rowid, names, scope) SELECT seq, names, scope FROM household_search_doc WHERE id = new.id;
END;
CREATE TRIGGER households_ad AFTER DELETE ON households BEGIN
    DELETE FROM household_fts WHERE rowid = old.seq;
END;

-- A resident added, renamed or removed rewrites their household's document.
CREATE TRIGGER residents_ai AFTER INSERT ON residents BEGIN
    DELETE FROM household_fts WHERE rowid = (SELECT seq FROM households WHERE id = new.household_id);
    INSERT INTO household_fts(rowid, names, scope)
        SELECT seq, names, scope FROM household_search_doc WHERE id = new.household_id;
END;
CREATE TRIGGER residents_au AFTER UPDATE OF name_folded ON residents BEGIN
    DELETE FROM household_fts WHERE rowid = (SELECT seq FROM households WHERE id = new.household_id);
    INSERT INTO household_fts(rowid, names, scope)
        SELECT seq, names, scope FROM household_search_doc WHERE id = new.household_id;
END;
CREATE TRIGGER residents_ad AFTER DELETE ON residents BEGIN
    DELETE FROM household_fts WHERE rowid = (SELECT seq FROM households WHERE id = old.household_id);
    INSERT INTO household_fts(rowid, names, scope)
        SELECT seq, names, scope FROM household_search_doc WHERE id = old.household_id;
END;
