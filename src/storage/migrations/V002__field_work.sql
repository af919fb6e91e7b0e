-- Field work (issue 3): service catalog, safety tips, support sessions (append-only), follow-up tasks.

CREATE TABLE services (
    key TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE safety_tips (
    key TEXT PRIMARY KEY,
    position INTEGER NOT NULL,      -- rotation order
    text_vi TEXT NOT NULL,
    text_en TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);

-- A support session: who helped whom, where, how long. Never updated: a correction is a new
-- session whose corrects_id names the old one.
CREATE TABLE support_sessions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    area_path TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('home_visit','commune_desk','village_meeting','phone')),
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    notes TEXT,
    tip_key TEXT NOT NULL REFERENCES safety_tips(key),
    corrects_id TEXT,
    recorded_by TEXT NOT NULL,
    helpers TEXT NOT NULL,          -- comma-separated user ids of the members who helped
    at INTEGER NOT NULL
);
CREATE INDEX support_sessions_household ON support_sessions(household_id, at);
CREATE INDEX support_sessions_path ON support_sessions(area_path, at);

CREATE TABLE session_residents (
    session_id TEXT NOT NULL REFERENCES support_sessions(id) ON DELETE CASCADE,
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, resident_id)
);

CREATE TABLE session_services (
    session_id TEXT NOT NULL REFERENCES support_sessions(id) ON DELETE CASCADE,
    line INTEGER NOT NULL,
    service_key TEXT NOT NULL REFERENCES services(key),
    outcome TEXT NOT NULL CHECK (outcome IN ('done','partly','not_done')),
    reason TEXT CHECK (reason IN ('no_signal','no_device','missing_papers','declined','system_error','other')),
    PRIMARY KEY (session_id, line)
);

CREATE TABLE skill_events (
    seq INTEGER PRIMARY KEY,
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    session_id TEXT REFERENCES support_sessions(id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    from_level INTEGER NOT NULL,
    to_level INTEGER NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX skill_events_resident ON skill_events(resident_id, at);

CREATE TABLE tips_given (
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    tip_key TEXT NOT NULL REFERENCES safety_tips(key),
    session_id TEXT NOT NULL REFERENCES support_sessions(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    PRIMARY KEY (resident_id, tip_key, session_id)
);

CREATE TABLE tasks (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    resident_id TEXT REFERENCES residents(id) ON DELETE CASCADE,
    area_path TEXT NOT NULL,
    title TEXT NOT NULL,            -- a message id from the rules, or free text for manual tasks
    rule_key TEXT,                  -- the rule that created it; NULL for manual tasks
    session_id TEXT REFERENCES support_sessions(id) ON DELETE CASCADE,
    assignee TEXT,                  -- user id; NULL: anyone in the team
    due_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','skipped')),
    skip_reason TEXT,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    closed_at INTEGER
);
CREATE INDEX tasks_path_open ON tasks(area_path, status, due_at);
CREATE INDEX tasks_household ON tasks(household_id);
