-- Training sessions (issue 19; docs/training.md): planned by team leaders for a village or the
-- whole commune, with their modules and trainers; the households invited (by SMS or by visit);
-- attendance and the practical checks, whose skill moves go into skill_events like a support
-- session's. Tenant tables by commune_id (docs/scaling.md).

-- The curriculum as the province admin last saved it (no row: the shipped data/curriculum.txt).
CREATE TABLE training_curriculum (
    id INTEGER PRIMARY KEY,                -- always 1
    source TEXT NOT NULL,
    edited_by TEXT NOT NULL,
    edited_at INTEGER NOT NULL
);

CREATE TABLE training_sessions (
    commune_id TEXT NOT NULL,
    id TEXT NOT NULL,
    area_path TEXT NOT NULL,               -- the village's, or the commune's for the whole commune
    village_id TEXT,                       -- NULL: the whole commune
    place TEXT NOT NULL,
    place_folded TEXT NOT NULL,            -- for "the place is booked"
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    capacity INTEGER NOT NULL,
    accepted TEXT NOT NULL DEFAULT '',     -- concerns shown and planned anyway: peak,market,evening,holiday
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    cancelled_at INTEGER,
    cancelled_by TEXT,
    PRIMARY KEY (commune_id, id)
);
CREATE INDEX training_sessions_id ON training_sessions (id);
CREATE INDEX training_sessions_time ON training_sessions (commune_id, starts_at);

CREATE TABLE training_session_modules (
    commune_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    module_key TEXT NOT NULL,
    PRIMARY KEY (commune_id, session_id, position)
);

CREATE TABLE training_trainers (
    commune_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (commune_id, session_id, user_id)
);
CREATE INDEX training_trainers_user ON training_trainers (user_id);

CREATE TABLE training_invitations (
    commune_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    household_id TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel = 'sms' OR channel = 'visit'),
    invited_by TEXT NOT NULL,
    invited_at INTEGER NOT NULL,
    PRIMARY KEY (commune_id, session_id, household_id)
);

CREATE TABLE training_attendance (
    commune_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    resident_id TEXT NOT NULL,
    walk_in INTEGER NOT NULL DEFAULT 0,
    recorded_by TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (commune_id, session_id, resident_id)
);
CREATE INDEX training_attendance_resident ON training_attendance (resident_id);

CREATE TABLE training_checks (
    commune_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    resident_id TEXT NOT NULL,
    module_key TEXT NOT NULL,
    items TEXT NOT NULL,                   -- each item 0 not yet, 1 with help, 2 alone: "2,2,1"
    skill TEXT NOT NULL,
    from_level INTEGER NOT NULL,
    to_level INTEGER NOT NULL,
    checked_by TEXT NOT NULL,
    checked_at INTEGER NOT NULL,
    PRIMARY KEY (commune_id, session_id, resident_id, module_key)
);

-- A skill moved by a practical check names its training session (session_id stays the support
-- session's).
ALTER TABLE skill_events ADD COLUMN training_id TEXT;

-- Invitations and reminders (kind 'training'); the row id is "<session>-i-<number>" or
-- "<session>-r-<number>": once each per number; cancelling stops those not yet sent.
ALTER TABLE sms_outbox ADD COLUMN training_id TEXT;
CREATE INDEX sms_outbox_training ON sms_outbox (training_id, status) WHERE training_id IS NOT NULL;
