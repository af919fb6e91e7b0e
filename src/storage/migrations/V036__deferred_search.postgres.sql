-- As V036__deferred_search.sqlite.sql: while `search_deferred` holds its row (inside a CSV
-- import's transaction only), a resident's insert leaves the household's search document alone
-- (an UPDATE of the household row per resident otherwise), and the import writes the documents
-- of its households once at its end. Updates and deletes always keep them.
CREATE TABLE search_deferred (one INTEGER PRIMARY KEY CHECK (one = 1));

CREATE OR REPLACE FUNCTION caunoi_residents_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM search_deferred) THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE households SET search = caunoi_household_search(OLD.household_id) WHERE id = OLD.household_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE households SET search = caunoi_household_search(NEW.household_id) WHERE id = NEW.household_id;
    END IF;
    RETURN NULL;
END
$$;
