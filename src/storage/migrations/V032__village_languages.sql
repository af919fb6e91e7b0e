-- The main languages spoken in a village besides Vietnamese (issue 21, item 4): what its
-- loudspeaker audio and its board are offered in. Set by commune officers; one row per village
-- that has any ('' languages: Vietnamese only). A village attribute kept beside `areas`, a
-- reference table like it (storage/distribution.cpp).
CREATE TABLE village_languages (
    village_id TEXT PRIMARY KEY REFERENCES areas (id),
    languages TEXT NOT NULL,        -- "hmn" or "tai,kjg": codes of translation::kTargetLanguages
    set_by TEXT NOT NULL,
    set_at INTEGER NOT NULL
);
