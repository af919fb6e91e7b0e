-- SQLite: what every synced support session writes, made lighter (docs/benchmarks.md, "Sync
-- apply", issue 13). PostgreSQL keeps its tables and its statement trigger as they are.
--
-- 1. A session's insert no longer marks its commune by a trigger: FieldworkStore::InsertSession,
--    the only writer of sessions outside the province demo and migrate-data (which count
--    afterwards), marks it in the same transaction. A row trigger makes SQLite keep a statement
--    journal for the insert (it may write more than one row), which cost more than the mark itself.
--    Updates and deletes of sessions still mark by their triggers.
-- 2. Four tables keyed by their primary key, never by rowid, become WITHOUT ROWID tables: one
--    b-tree each instead of a table and its key's index. Their triggers are made again as they were.
--    The rename is done the legacy way: no view or trigger names these tables.
DROP TRIGGER support_sessions_mark_insert;

PRAGMA legacy_alter_table = ON;

CREATE TABLE session_residents_new (
    session_id TEXT NOT NULL REFERENCES support_sessions(id) ON DELETE CASCADE,
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    commune_id TEXT,
    PRIMARY KEY (session_id, resident_id)
) WITHOUT ROWID;
INSERT INTO session_residents_new (session_id, resident_id, commune_id)
    SELECT session_id, resident_id, commune_id FROM session_residents;
DROP TABLE session_residents;
ALTER TABLE session_residents_new RENAME TO session_residents;

CREATE TABLE tips_given_new (
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    tip_key TEXT NOT NULL REFERENCES safety_tips(key),
    session_id TEXT NOT NULL REFERENCES support_sessions(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    commune_id TEXT,
    PRIMARY KEY (resident_id, tip_key, session_id)
) WITHOUT ROWID;
INSERT INTO tips_given_new (resident_id, tip_key, session_id, at, commune_id)
    SELECT resident_id, tip_key, session_id, at, commune_id FROM tips_given;
DROP TABLE tips_given;
ALTER TABLE tips_given_new RENAME TO tips_given;
CREATE TRIGGER tips_given_mark_delete AFTER DELETE ON tips_given BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER tips_given_mark_update AFTER UPDATE ON tips_given BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;

CREATE TABLE session_services_new (
    session_id TEXT NOT NULL REFERENCES support_sessions(id) ON DELETE CASCADE,
    line INTEGER NOT NULL,
    service_key TEXT NOT NULL REFERENCES services(key),
    outcome TEXT NOT NULL CHECK (outcome = 'done' OR outcome = 'partly' OR outcome = 'not_done'),
    reason TEXT CHECK (reason = 'no_signal' OR reason = 'no_device' OR reason = 'missing_papers' OR reason = 'declined' OR reason = 'system_error' OR reason = 'other'),
    commune_id TEXT,
    PRIMARY KEY (session_id, line)
) WITHOUT ROWID;
INSERT INTO session_services_new (session_id, line, service_key, outcome, reason, commune_id)
    SELECT session_id, line, service_key, outcome, reason, commune_id FROM session_services;
DROP TABLE session_services;
ALTER TABLE session_services_new RENAME TO session_services;
CREATE TRIGGER session_services_mark_delete AFTER DELETE ON session_services BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER session_services_mark_update AFTER UPDATE ON session_services BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;

CREATE TABLE sync_ops_new (
    user_id TEXT NOT NULL,
    id TEXT NOT NULL,
    device TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status = 'applied' OR status = 'conflict' OR status = 'rejected'),
    field TEXT,
    reason TEXT,
    done_at INTEGER NOT NULL,      -- on the phone (Unix ms)
    received_at INTEGER NOT NULL,  -- on the server (Unix s)
    PRIMARY KEY (user_id, id)
) WITHOUT ROWID;
INSERT INTO sync_ops_new (user_id, id, device, kind, status, field, reason, done_at, received_at)
    SELECT user_id, id, device, kind, status, field, reason, done_at, received_at FROM sync_ops;
DROP TABLE sync_ops;
ALTER TABLE sync_ops_new RENAME TO sync_ops;

PRAGMA legacy_alter_table = OFF;
