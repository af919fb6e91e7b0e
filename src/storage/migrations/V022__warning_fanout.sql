-- Warnings reaching people (issue 17, docs/warnings.md): the villages each warning reached, one
-- message per number per warning, village loudspeakers and their operators' acknowledgements,
-- and the keys of the systems allowed to send us CAP alerts.

-- The short number people use for a warning ("DA DOC 12"); who composed it ('' = received as CAP).
ALTER TABLE alerts ADD COLUMN number INTEGER;
ALTER TABLE alerts ADD COLUMN composed_by TEXT NOT NULL DEFAULT '';
-- What banners and lists say of it, read once from its XML (the info block for residents).
ALTER TABLE alerts ADD COLUMN hazard TEXT NOT NULL DEFAULT 'other';
ALTER TABLE alerts ADD COLUMN level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN area_desc TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN sender_name TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN instruction TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX alerts_number ON alerts (number);

-- Every village a warning reached, how, and the loudspeaker's acknowledgement. `token` is the
-- operator page's address (it travels in the operator's SMS, so it is no secret beyond that).
CREATE TABLE alert_villages (
    alert_id TEXT NOT NULL REFERENCES alerts (id),
    village_id TEXT NOT NULL,
    commune_id TEXT NOT NULL,
    path TEXT NOT NULL,
    by_commune_only INTEGER NOT NULL DEFAULT 0,  -- no coordinates: reached by its commune, to check
    token TEXT NOT NULL UNIQUE,
    acknowledged_at INTEGER,
    acknowledged_by TEXT,
    PRIMARY KEY (alert_id, village_id)
);
CREATE INDEX alert_villages_path ON alert_villages (path, alert_id);

-- One row per number a warning reached: the key makes it one message per number per warning,
-- whichever way the number belongs to the area (operator, staff, resident, subscriber).
CREATE TABLE alert_recipients (
    alert_id TEXT NOT NULL,
    phone TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind = 'operator' OR kind = 'staff' OR kind = 'resident' OR kind = 'subscriber'),
    commune_id TEXT NOT NULL,
    area_path TEXT NOT NULL,
    PRIMARY KEY (alert_id, phone)
);
ALTER TABLE sms_outbox ADD COLUMN alert_id TEXT;
CREATE INDEX sms_outbox_alert ON sms_outbox (alert_id, status);

-- A village's loudspeaker (loa truyền thanh thôn/bản): whether it works, who operates it.
CREATE TABLE village_loudspeakers (
    village_id TEXT PRIMARY KEY REFERENCES areas (id),
    commune_id TEXT NOT NULL,
    working INTEGER NOT NULL DEFAULT 1,
    operator_name TEXT NOT NULL DEFAULT '',
    operator_phone TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL
);

-- Systems allowed to post CAP alerts: one key per CAP sender, kept as a hash.
CREATE TABLE alert_senders (
    sender TEXT PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);
