-- One-stop desk queue (issue 3): numbered tickets per commune and day.
CREATE TABLE desk_tickets (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    commune_id TEXT NOT NULL REFERENCES areas(id),
    area_path TEXT NOT NULL,        -- the commune's path
    day TEXT NOT NULL,              -- YYYY-MM-DD in Asia/Ho_Chi_Minh; numbers restart each day
    number INTEGER NOT NULL,
    need TEXT NOT NULL CHECK (need IN ('procedure','digital_help','question')),
    resident_id TEXT REFERENCES residents(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting','called','serving','closed','no_show')),
    desk TEXT,
    issued_at INTEGER NOT NULL,
    called_at INTEGER,
    served_at INTEGER,
    closed_at INTEGER,
    called_by TEXT,
    session_id TEXT,
    UNIQUE (commune_id, day, number)
);
CREATE INDEX desk_waiting ON desk_tickets(commune_id, status, seq);
CREATE INDEX desk_resident ON desk_tickets(resident_id, need, issued_at);
