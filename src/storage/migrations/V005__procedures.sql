-- Procedures and dossier tracking (issue 4): the catalog as the province keeps it, residents'
-- dossiers with their status history, and the SMS outbox the SMS gateway delivers.

CREATE TABLE procedures (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    source TEXT NOT NULL,           -- the procedure in the catalog's text form (src/procedures/catalog.hpp)
    updated_at INTEGER,
    updated_by TEXT
);

CREATE TABLE dossiers (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    area_path TEXT NOT NULL,        -- the resident's village
    procedure_code TEXT NOT NULL REFERENCES procedures(code),
    portal_code TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL CHECK (channel IN ('self_online','assisted_online','desk')),
    assisted_by TEXT,
    submitted_day INTEGER NOT NULL, -- local day number (days since 1970-01-01, UTC+7)
    due_day INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted','received','processing','supplement_requested',
                                           'resubmitted','result_ready','result_received','rejected','withdrawn')),
    phone TEXT,
    language TEXT NOT NULL DEFAULT 'vi',
    notify INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX dossiers_path ON dossiers(area_path, status, due_day);
CREATE INDEX dossiers_resident ON dossiers(resident_id);

-- Every status a dossier entered, with when and who: never updated.
CREATE TABLE dossier_events (
    seq INTEGER PRIMARY KEY,
    dossier_id TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    at INTEGER NOT NULL,
    by_user TEXT NOT NULL,
    note TEXT
);
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, seq);

-- Outgoing SMS, queued by the change that causes them (same transaction), sent by the gateway.
CREATE TABLE sms_outbox (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    area_path TEXT NOT NULL,
    phone TEXT NOT NULL,
    body TEXT NOT NULL,
    parts INTEGER NOT NULL,
    dossier_id TEXT REFERENCES dossiers(id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','delivered','failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX sms_outbox_status ON sms_outbox(status, seq);
CREATE INDEX sms_outbox_path ON sms_outbox(area_path, seq);
CREATE INDEX sms_outbox_dossier ON sms_outbox(dossier_id);
