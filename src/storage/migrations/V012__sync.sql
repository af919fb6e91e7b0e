-- Offline sync (docs/sync.md).

-- The order of changes a phone pulls. One counter row, bumped by every writing transaction that
-- changes what phones hold: on PostgreSQL its row lock makes changes commit in counter order, so
-- a pull never skips a change that commits after a later one.
CREATE TABLE sync_clock (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    rev INTEGER NOT NULL
);
INSERT INTO sync_clock (id, rev) VALUES (1, 0);

-- One row per change to a household, resident or task (the latest state is read at pull time;
-- a record gone is reported deleted).
CREATE TABLE sync_changes (
    commune_id TEXT NOT NULL,
    rev INTEGER NOT NULL,
    area_path TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('household', 'resident', 'task')),
    entity_id TEXT NOT NULL,
    PRIMARY KEY (commune_id, rev)
);
CREATE INDEX sync_changes_path ON sync_changes (area_path, rev);

-- Every operation a phone pushed, by its client-generated id: applied exactly once; a re-sent
-- operation gets the answer it got the first time.
CREATE TABLE sync_ops (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL,
    device TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('applied', 'conflict', 'rejected')),
    field TEXT,
    reason TEXT,
    done_at INTEGER NOT NULL,      -- on the phone (Unix ms)
    received_at INTEGER NOT NULL   -- on the server (Unix s)
);

-- A profile field changed on a phone that someone else had changed meanwhile: kept, not
-- applied, until a team leader chooses.
CREATE TABLE sync_conflicts (
    commune_id TEXT NOT NULL,
    id TEXT NOT NULL,
    area_path TEXT NOT NULL,
    resident_id TEXT NOT NULL,
    field TEXT NOT NULL,
    server_value TEXT,
    phone_value TEXT,
    op_id TEXT NOT NULL,
    by_user TEXT NOT NULL,
    at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept_server', 'took_phone')),
    resolved_by TEXT,
    resolved_at INTEGER,
    PRIMARY KEY (commune_id, id)
);
CREATE INDEX sync_conflicts_path ON sync_conflicts (area_path, status);

-- What phones already hold: every existing household, resident and open task is one change.
INSERT INTO sync_changes (commune_id, rev, area_path, kind, entity_id)
    SELECT commune_id, seq, area_path, 'household', id FROM households;
INSERT INTO sync_changes (commune_id, rev, area_path, kind, entity_id)
    SELECT commune_id, seq + (SELECT COALESCE(MAX(seq), 0) FROM households), area_path, 'resident', id FROM residents;
INSERT INTO sync_changes (commune_id, rev, area_path, kind, entity_id)
    SELECT commune_id, seq + (SELECT COALESCE(MAX(seq), 0) FROM households) + (SELECT COALESCE(MAX(seq), 0) FROM residents),
           area_path, 'task', id FROM tasks WHERE status = 'open';
UPDATE sync_clock SET rev = (SELECT COALESCE(MAX(rev), 0) FROM sync_changes);
