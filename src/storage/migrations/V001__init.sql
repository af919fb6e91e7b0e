-- Cầu Nối schema v1. Portable SQL (SQLite and PostgreSQL); times are UTC epoch seconds.
-- Every personal-data table carries area_path so area scope is a prefix condition and the
-- table can be sharded by the commune part of the path.

CREATE TABLE areas (
    id TEXT PRIMARY KEY,              -- province/commune: official code; village: ULID
    parent_id TEXT REFERENCES areas(id),
    kind TEXT NOT NULL CHECK (kind IN ('province','commune','ward','village')),
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,        -- 40/16813/<village id>
    former_district TEXT,
    highland INTEGER NOT NULL DEFAULT 0,
    lat REAL,
    lon REAL,
    coverage TEXT CHECK (coverage IN ('none','2g','3g','4g')),
    created_at INTEGER NOT NULL
);
CREATE INDEX areas_parent ON areas(parent_id, name_folded);

CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    commune_id TEXT NOT NULL REFERENCES areas(id),
    area_path TEXT NOT NULL,          -- the commune's path
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX teams_path ON teams(area_path);

CREATE TABLE team_villages (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    village_id TEXT NOT NULL REFERENCES areas(id),
    PRIMARY KEY (team_id, village_id)
);

CREATE TABLE team_members (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    phone TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('youth_union','teacher','one_stop_officer','village_head','police','elder','other')),
    leader INTEGER NOT NULL DEFAULT 0,
    user_id TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX team_members_team ON team_members(team_id);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT UNIQUE,
    phone TEXT UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('province_admin','commune_officer','team_leader','member')),
    area_path TEXT NOT NULL,          -- scope for admins/officers; the team's commune for leaders/members
    team_id TEXT REFERENCES teams(id),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,      -- BLAKE2b of the cookie token; the token itself is never stored
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE households (
    seq INTEGER PRIMARY KEY,          -- stable integer key for the search index
    id TEXT NOT NULL UNIQUE,
    village_id TEXT NOT NULL REFERENCES areas(id),
    area_path TEXT NOT NULL,
    name TEXT NOT NULL,               -- usually the head's name
    name_folded TEXT NOT NULL,
    address TEXT,
    consent_by TEXT NOT NULL,
    consent_at INTEGER NOT NULL,
    consent_purposes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX households_path ON households(area_path, name_folded);

CREATE TABLE residents (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    area_path TEXT NOT NULL,
    full_name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    birth_year INTEGER,
    sex TEXT CHECK (sex IN ('f','m','x')),
    phone TEXT,
    phone_kind TEXT NOT NULL DEFAULT 'none' CHECK (phone_kind IN ('none','basic','smart')),
    language TEXT NOT NULL DEFAULT 'vi',
    ethnicity TEXT,                   -- sensitive personal data (Decree 13/2023)
    vneid_level INTEGER NOT NULL DEFAULT 0 CHECK (vneid_level BETWEEN 0 AND 2),
    portal_account INTEGER NOT NULL DEFAULT 0,
    payment_account INTEGER NOT NULL DEFAULT 0,
    skill_public_services INTEGER NOT NULL DEFAULT 0 CHECK (skill_public_services BETWEEN 0 AND 2),
    skill_shopping INTEGER NOT NULL DEFAULT 0 CHECK (skill_shopping BETWEEN 0 AND 2),
    skill_payment INTEGER NOT NULL DEFAULT 0 CHECK (skill_payment BETWEEN 0 AND 2),
    skill_safety INTEGER NOT NULL DEFAULT 0 CHECK (skill_safety BETWEEN 0 AND 2),
    skill_local_platforms INTEGER NOT NULL DEFAULT 0 CHECK (skill_local_platforms BETWEEN 0 AND 2),
    national_id_hash TEXT,            -- keyed BLAKE2b; the number itself is never stored
    national_id_last4 TEXT,
    consent_by TEXT NOT NULL,
    consent_at INTEGER NOT NULL,
    consent_purposes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX residents_household ON residents(household_id);
CREATE INDEX residents_path ON residents(area_path);
CREATE UNIQUE INDEX residents_national_id ON residents(national_id_hash);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id TEXT,
    action TEXT NOT NULL,             -- create | update | delete | view | login | login_failed | logout
    entity TEXT NOT NULL,
    entity_id TEXT,
    area_path TEXT NOT NULL,
    remote_addr TEXT,
    detail TEXT
);
CREATE INDEX audit_path ON audit_log(area_path, seq);
