-- PostgreSQL: a search document per household (its name and its residents' names as a
-- tsvector of the folded words), kept by triggers and served by a GIN index. The trigram LIKE of
-- version 1 cannot use its index for two-letter words ("lo", "ha"), the most common queries.
-- Words are our own folded [a-z0-9] tokens, so the 'simple' configuration (no stemming) fits.
ALTER TABLE households ADD COLUMN search tsvector;

CREATE FUNCTION caunoi_household_search(hid varchar) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('simple', h.name_folded || ' ' ||
           COALESCE((SELECT string_agg(r.name_folded, ' ') FROM residents r WHERE r.household_id = h.id), ''))
    FROM households h WHERE h.id = hid
$$;

CREATE FUNCTION caunoi_households_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := to_tsvector('simple', NEW.name_folded || ' ' ||
        COALESCE((SELECT string_agg(r.name_folded, ' ') FROM residents r WHERE r.household_id = NEW.id), ''));
    RETURN NEW;
END
$$;
CREATE TRIGGER households_search BEFORE INSERT OR UPDATE OF name_folded ON households
    FOR EACH ROW EXECUTE FUNCTION caunoi_households_search_trigger();

CREATE FUNCTION caunoi_residents_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE households SET search = caunoi_household_search(OLD.household_id) WHERE id = OLD.household_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE households SET search = caunoi_household_search(NEW.household_id) WHERE id = NEW.household_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER residents_search AFTER INSERT OR DELETE OR UPDATE OF name_folded, household_id ON residents
    FOR EACH ROW EXECUTE FUNCTION caunoi_residents_search_trigger();

UPDATE households SET search = caunoi_household_search(id);
CREATE INDEX households_search ON households USING gin (search);

-- The trigram indexes of version 1 serve nothing now.
DROP INDEX households_name_trgm;
DROP INDEX residents_name_trgm;
