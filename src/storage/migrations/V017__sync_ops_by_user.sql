-- A stored sync answer belongs to the user who pushed the operation: keyed by user and operation
-- id, so an id another user (of any commune) once pushed is a new operation here, never a
-- "duplicate" carrying that user's outcome. The table is rebuilt (a primary key cannot be changed
-- in place on SQLite); nothing references it. Its status CHECK is written as comparisons (V016).
CREATE TABLE sync_ops_by_user (
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
);
INSERT INTO sync_ops_by_user (user_id, id, device, kind, status, field, reason, done_at, received_at)
    SELECT user_id, id, device, kind, status, field, reason, done_at, received_at FROM sync_ops;
DROP TABLE sync_ops;
ALTER TABLE sync_ops_by_user RENAME TO sync_ops;
