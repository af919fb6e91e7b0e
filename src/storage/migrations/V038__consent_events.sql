-- Each consent a resident gave, changed or withdrew (docs/architecture.md, "Personal data"):
-- who recorded it, when, and the purposes agreed to from then on. Kept after the record is erased
-- (its id only: nothing else of the person), so that the withdrawal itself stays on record.
CREATE TABLE consent_events (
    commune_id TEXT NOT NULL,
    id TEXT NOT NULL,
    resident_id TEXT NOT NULL,
    area_path TEXT NOT NULL,
    at INTEGER NOT NULL,
    by_user TEXT NOT NULL,
    purposes TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change = 'given' OR change = 'changed' OR change = 'withdrawn'),
    PRIMARY KEY (commune_id, id)
);
CREATE INDEX consent_events_resident ON consent_events (resident_id, at);
