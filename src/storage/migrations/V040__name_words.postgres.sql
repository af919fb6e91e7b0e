-- PostgreSQL: every word of the households' search documents (V008, V011), for a name search
-- to name the whole words a typed word begins (RegistryStore::NameTerms). A prefix term
-- (`thi:*`) makes the GIN index gather every household holding any word it begins into one
-- bitmap before it can intersect anything: half the province for "thi" or "van", however rare
-- the other words or the commune are. Named as whole words, ('thi' | 'thiem' | 'thien' | ...),
-- the index walks the rarest term's households and skips through the others' lists.
-- A word stays after its last household is gone or erased: it holds no link to anyone, and a
-- search naming it finds nothing.
CREATE TABLE name_words (word TEXT PRIMARY KEY);

-- Kept per statement, as the indicator marks are (V033): an import's or the province demo's
-- search documents are written 100 households a statement. A trigger per row made a PostgreSQL
-- import of 5,137 residents 15–30 % slower; per statement, no difference was measured.
CREATE FUNCTION caunoi_name_words_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO name_words (word)
            SELECT DISTINCT w FROM new_rows n, unnest(tsvector_to_array(n.search)) w
            WHERE w NOT LIKE '=%' ORDER BY w
            ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO name_words (word)
            SELECT DISTINCT w FROM new_rows n JOIN old_rows o ON o.id = n.id, unnest(tsvector_to_array(n.search)) w
            WHERE n.search IS DISTINCT FROM o.search AND w NOT LIKE '=%' ORDER BY w
            ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER households_name_words_insert AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_name_words_trigger();
CREATE TRIGGER households_name_words_update AFTER UPDATE ON households
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_name_words_trigger();

-- Every word of every document, for a database written with the triggers off (here, and
-- `caunoi migrate-data`, storage/data_copy.cpp).
CREATE FUNCTION caunoi_name_words_fill() RETURNS void LANGUAGE sql AS $$
    INSERT INTO name_words (word)
        SELECT DISTINCT w FROM households, unnest(tsvector_to_array(search)) w WHERE w NOT LIKE '=%'
        ON CONFLICT DO NOTHING
$$;
SELECT caunoi_name_words_fill();

-- The search index's pending list (GIN `fastupdate`) kept short: every search reads all of it,
-- and by default it grows to 4 MB before it is merged into the index (a search inside one commune
-- took 6–12 ms with the 2.5 MB a province demo leaves, 1 ms without; docs/benchmarks.md).
ALTER INDEX households_search SET (gin_pending_list_limit = 128);
SELECT gin_clean_pending_list('households_search'::regclass);
