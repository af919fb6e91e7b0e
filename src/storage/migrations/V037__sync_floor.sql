-- The oldest cursor a phone may still pull from (docs/sync.md): the retention job
-- (storage/retention_store.hpp) removes old changes of records that are gone, and raises this
-- floor to the newest change it removed. A phone behind it is told to start its sync again.
ALTER TABLE sync_clock ADD COLUMN floor INTEGER NOT NULL DEFAULT 0;

-- Each retention run notes the change clock at that moment, so that "changes older than N days"
-- can be told apart although a change carries no time (docs/operations.md, "Retention").
CREATE TABLE sync_marks (
    at INTEGER NOT NULL PRIMARY KEY,
    rev INTEGER NOT NULL
);
