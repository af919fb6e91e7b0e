-- PostgreSQL: every word of the households' search documents (V008, V011), for a name search
-- to name the whole words a typed word begins (RegistryStore::NameTerms). A prefix term
-- (`thi:*`) makes the GIN index gather every household holding any word it begins into one
-- bitmap before it can intersect anything: half the province for "thi" or "van", however rare
-- the other words or the commune are. Named as whole words, ('thi' | 'thiem' | 'thien' | ...),
-- the index walks the rarest term's households and skips through the others' lists.
-- A word stays after its last household is gone or erased: it holds no link to anyone, and a
-- search naming it finds nothing.
CREATE TABLE name_words (word TEXT PRIMARY KEY);

CREATE FUNCTION caunoi_name_words_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO name_words (word)
        SELECT w FROM unnest(tsvector_to_array(NEW.search)) w
        WHERE w NOT LIKE '=%' AND (TG_OP = 'INSERT' OR w <> ALL (tsvector_to_array(OLD.search)))
        ORDER BY w
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER households_name_words_insert AFTER INSERT ON households
    FOR EACH ROW WHEN (NEW.search IS NOT NULL) EXECUTE FUNCTION caunoi_name_words_trigger();
CREATE TRIGGER households_name_words_update AFTER UPDATE ON households
    FOR EACH ROW WHEN (NEW.search IS NOT NULL AND NEW.search IS DISTINCT FROM OLD.search)
    EXECUTE FUNCTION caunoi_name_words_trigger();

INSERT INTO name_words (word)
    SELECT DISTINCT w FROM households, unnest(tsvector_to_array(search)) w WHERE w NOT LIKE '=%';

-- The search index's pending list (GIN `fastupdate`) kept short: every search reads all of it,
-- and by default it grows to 4 MB before it is merged into the index (a search inside one commune
-- took 6–12 ms with the 2.5 MB a province demo leaves, 1 ms without; docs/benchmarks.md).
ALTER INDEX households_search SET (gin_pending_list_limit = 128);
SELECT gin_clean_pending_list('households_search'::regclass);
