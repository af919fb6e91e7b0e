-- A CSV import adds thousands of households with their residents in one transaction. The search
-- triggers (V007) rewrite a household's FTS5 document for every resident added (delete and insert
-- again: a quarter of the import's time). While `search_deferred` holds its one row, which only
-- the importing transaction ever sees (it is deleted before that transaction commits), inserts
-- leave the documents alone, and the import writes each of its households' documents once at its
-- end (storage/registry_store.cpp, WriteSearch). Updates and deletes always keep them.
CREATE TABLE search_deferred (one INTEGER PRIMARY KEY CHECK (one = 1));

DROP TRIGGER households_ai;
CREATE TRIGGER households_ai AFTER INSERT ON households WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO household_fts(rowid, names, scope) SELECT seq, names, scope FROM household_search_doc WHERE id = new.id;
END;
DROP TRIGGER residents_ai;
CREATE TRIGGER residents_ai AFTER INSERT ON residents WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    DELETE FROM household_fts WHERE rowid = (SELECT seq FROM households WHERE id = new.household_id);
    INSERT INTO household_fts(rowid, names, scope)
        SELECT seq, names, scope FROM household_search_doc WHERE id = new.household_id;
END;
