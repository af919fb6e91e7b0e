-- Indicators per area and month (issue 22, docs/indicators.md). A page reads figures kept here,
-- never the millions of rows they count. Every write to a counted table marks its commune in
-- `indicator_dirty` (triggers: V033__indicator_marks.*.sql), in the writing transaction; the
-- refresher (indicators::IndicatorService::Refresh) claims a marked commune (clearing its mark),
-- recounts it outside any write transaction, and keeps the figures if its claim is still the
-- latest (storage/indicator_store.cpp).

-- Fibre broadband at home (Decision 411/QĐ-TTg counts households with fibre): none | mobile |
-- fibre; NULL: not asked yet.
ALTER TABLE households ADD COLUMN broadband TEXT;

CREATE TABLE indicator_dirty (
    commune_id TEXT PRIMARY KEY
);

-- One figure: `num` out of `den` (den 0: a count, or an average's divisor where the definition
-- says so). `area_id` is a village's id, or '' for the commune as a whole. `month` is YYYYMM in
-- Asia/Ho_Chi_Minh. Status figures (event = 0) are the state at the last recount of that month;
-- event figures (event = 1) count what happened in that month.
CREATE TABLE indicator_values (
    commune_id TEXT NOT NULL,
    area_id TEXT NOT NULL,
    month INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    event INTEGER NOT NULL,
    num INTEGER NOT NULL,
    den INTEGER NOT NULL,
    PRIMARY KEY (commune_id, area_id, month, indicator)
);
CREATE INDEX indicator_values_level ON indicator_values (area_id, month, indicator);

-- When each commune was last recounted, and the month of that recount (a new month recounts
-- every commune once, so each month keeps its own status figures); `claim` counts the recounts
-- begun, so a slower one never overwrites a newer one's figures.
CREATE TABLE indicator_refreshed (
    commune_id TEXT PRIMARY KEY,
    month INTEGER NOT NULL,
    at INTEGER NOT NULL,
    claim INTEGER NOT NULL DEFAULT 0
);

INSERT INTO indicator_dirty (commune_id) SELECT id FROM areas WHERE kind IN ('commune', 'ward');
