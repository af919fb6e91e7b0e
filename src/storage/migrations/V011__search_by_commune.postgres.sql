-- PostgreSQL: the household search document also holds its commune, as the lexeme "=<code>"
-- (never a name word: names fold to [a-z0-9]), so a search inside one commune asks the GIN
-- index for that commune's matches only instead of the whole province's. And the commune's
-- households in name order, for the search's first, ordered look (storage/registry_store.cpp).
CREATE OR REPLACE FUNCTION caunoi_household_search(hid varchar) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('simple', h.name_folded || ' ' ||
           COALESCE((SELECT string_agg(r.name_folded, ' ') FROM residents r
                     WHERE r.commune_id = h.commune_id AND r.household_id = h.id), ''))
           || array_to_tsvector(ARRAY['=' || h.commune_id])
    FROM households h WHERE h.id = hid
$$;

CREATE OR REPLACE FUNCTION caunoi_households_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := to_tsvector('simple', NEW.name_folded || ' ' ||
        COALESCE((SELECT string_agg(r.name_folded, ' ') FROM residents r
                  WHERE r.commune_id = NEW.commune_id AND r.household_id = NEW.id), ''))
        || array_to_tsvector(ARRAY['=' || NEW.commune_id]);
    RETURN NEW;
END
$$;

UPDATE households SET search = caunoi_household_search(id);
CREATE INDEX households_commune_name ON households (commune_id, name_folded, id);
