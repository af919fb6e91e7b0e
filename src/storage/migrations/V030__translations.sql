-- Community translations of residents' content (issue 21, item 1; docs/translations.md). Content is
-- the province's, not a commune's: reference tables (storage/distribution.cpp).

-- Who translates which language: named by the province admin; revoking deletes the row (the
-- audit log keeps who granted and revoked it, and when).
CREATE TABLE translators (
    user_id TEXT NOT NULL REFERENCES users (id),
    lang TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, lang)
);

-- Every proposal is kept: state proposed, approved (the one in use for its key and language),
-- rejected (with the reviewer's note), or replaced (approved once, then replaced by another).
CREATE TABLE content_translations (
    id TEXT PRIMARY KEY,
    text_key TEXT NOT NULL,
    lang TEXT NOT NULL,
    body TEXT NOT NULL,
    source TEXT NOT NULL,           -- the Vietnamese it was made from
    state TEXT NOT NULL,
    proposed_by TEXT NOT NULL REFERENCES users (id),
    proposed_at INTEGER NOT NULL,
    reviewed_by TEXT REFERENCES users (id),
    reviewed_at INTEGER,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX content_translations_live ON content_translations (lang, state, text_key);
