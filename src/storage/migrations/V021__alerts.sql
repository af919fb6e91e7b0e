-- Disaster warnings received as CAP 1.2 (issue 17): one row per sender and identifier, the XML as
-- received, and the communes its geocodes name. Province-wide (a reference table for Citus).
CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    sender TEXT NOT NULL,
    identifier TEXT NOT NULL,
    sent INTEGER NOT NULL,
    -- CHECKs as OR lists, not IN: SQLite builds a temporary b-tree for an IN list on every row (V016).
    status TEXT NOT NULL CHECK (status = 'Actual' OR status = 'Exercise' OR status = 'System' OR status = 'Test'
                                OR status = 'Draft'),
    msg_type TEXT NOT NULL CHECK (msg_type = 'Alert' OR msg_type = 'Update' OR msg_type = 'Cancel'
                                  OR msg_type = 'Ack' OR msg_type = 'Error'),
    expires INTEGER NOT NULL DEFAULT 0,
    received_at INTEGER NOT NULL,
    superseded_by TEXT,
    xml TEXT NOT NULL,
    UNIQUE (sender, identifier)
);
CREATE INDEX alerts_in_force ON alerts (superseded_by, expires);
CREATE TABLE alert_communes (
    alert_id TEXT NOT NULL REFERENCES alerts (id),
    commune_id TEXT NOT NULL,
    PRIMARY KEY (alert_id, commune_id)
);
