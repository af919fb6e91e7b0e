-- The village board (issue 18, docs/board.md): weather per commune, crop prices, the crop
-- calendar and market days.

-- A commune's cached forecast and the state of its requests to the weather source (one request
-- per commune per hour at most; back-off after failures).
CREATE TABLE weather_status (
    commune_id TEXT PRIMARY KEY REFERENCES areas (id),
    source TEXT NOT NULL DEFAULT '',      -- open-meteo | manual | '' (never fetched)
    as_of INTEGER NOT NULL DEFAULT 0,
    entered_by TEXT NOT NULL DEFAULT '',
    last_attempt_at INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE TABLE weather_days (
    commune_id TEXT NOT NULL REFERENCES areas (id),
    day TEXT NOT NULL,                    -- YYYY-MM-DD, Vietnam's time
    t_min REAL NOT NULL,
    t_max REAL NOT NULL,
    rain_mm REAL NOT NULL,
    rain_max_hour REAL NOT NULL DEFAULT 0,
    wind_kmh REAL NOT NULL DEFAULT 0,
    code INTEGER NOT NULL DEFAULT -1,     -- WMO weather code, -1 unknown
    PRIMARY KEY (commune_id, day)
);

-- Prices reported by members: held for a leader ('to_confirm') when far from the recent median.
CREATE TABLE crop_prices (
    commune_id TEXT NOT NULL,
    id TEXT NOT NULL,
    area_path TEXT NOT NULL,
    crop TEXT NOT NULL,
    unit TEXT NOT NULL,
    price INTEGER NOT NULL CHECK (price > 0),
    market TEXT NOT NULL,
    observed_on TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    reporter_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status = 'counted' OR status = 'to_confirm' OR status = 'rejected'),
    median INTEGER NOT NULL DEFAULT 0,
    reviewed_by TEXT,
    reviewed_at INTEGER,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (commune_id, id)
);
CREATE INDEX crop_prices_crop ON crop_prices (crop, unit, status, observed_on);
CREATE INDEX crop_prices_path ON crop_prices (area_path, status, observed_on);

-- A commune's own crop calendar (absent: the shipped default), one stage a month per crop, and
-- its market days.
CREATE TABLE crop_calendars (
    commune_id TEXT PRIMARY KEY REFERENCES areas (id),
    edited_by TEXT NOT NULL,
    edited_at INTEGER NOT NULL
);
CREATE TABLE crop_calendar_months (
    commune_id TEXT NOT NULL REFERENCES crop_calendars (commune_id) ON DELETE CASCADE,
    crop TEXT NOT NULL,
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    stage TEXT NOT NULL CHECK (stage = 'prepare' OR stage = 'plant' OR stage = 'tend' OR stage = 'harvest'),
    PRIMARY KEY (commune_id, crop, month)
);
CREATE TABLE market_days (
    commune_id TEXT NOT NULL REFERENCES crop_calendars (commune_id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    name TEXT NOT NULL,
    PRIMARY KEY (commune_id, weekday)
);
