-- Recorded voice clips of residents' texts (issue 21, item 2; docs/translations.md "Voice"): a
-- member records a text in a language, a second member approves it before residents hear it.
-- Only the re-encoded files are kept (base64 text, the same in both engines): Ogg Opus for phones,
-- MP3 for loudspeaker players. The province's content: reference tables (storage/distribution.cpp).
CREATE TABLE voice_clips (
    id TEXT PRIMARY KEY,             -- the upload's id, a ULID the phone made: one clip per upload
    text_key TEXT NOT NULL,
    lang TEXT NOT NULL,
    source TEXT NOT NULL,            -- the Vietnamese of the text when it was recorded
    state TEXT NOT NULL,             -- proposed, approved, rejected, replaced (as translations)
    seconds REAL NOT NULL,
    input_lufs REAL NOT NULL,
    opus TEXT NOT NULL,
    mp3 TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at INTEGER NOT NULL,
    reviewed_by TEXT REFERENCES users (id),
    reviewed_at INTEGER,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX voice_clips_live ON voice_clips (lang, state, text_key);

-- A clip on its way, in pieces (a lost signal costs one piece); gone once the clip is made or refused.
CREATE TABLE clip_uploads (
    id TEXT PRIMARY KEY,
    text_key TEXT NOT NULL,
    lang TEXT NOT NULL,
    total INTEGER NOT NULL,
    received INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE clip_upload_parts (
    upload_id TEXT NOT NULL,
    first_byte INTEGER NOT NULL,
    data TEXT NOT NULL,              -- base64
    PRIMARY KEY (upload_id, first_byte)
);
