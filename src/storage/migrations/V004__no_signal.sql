-- "No signal here" reports from members in the field (issue 3).
CREATE TABLE no_signal_reports (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    village_id TEXT NOT NULL REFERENCES areas(id),
    area_path TEXT NOT NULL,        -- the village's path
    lat REAL,
    lon REAL,
    operator TEXT CHECK (operator IN ('viettel','vinaphone','mobifone','vietnamobile','other')),
    reported_by TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX no_signal_path ON no_signal_reports(area_path, at);
