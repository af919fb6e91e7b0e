-- The SMS channel through Kannel (docs/sms.md).
-- Outbound: a priority lane (warnings overtake routine messages), retries with back-off, and
-- what became of each message.
ALTER TABLE sms_outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'dossier';  -- dossier | reply | warning | manual
ALTER TABLE sms_outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;   -- higher goes first
ALTER TABLE sms_outbox ADD COLUMN ucs2 INTEGER NOT NULL DEFAULT 0;       -- 1: sent with diacritics (UCS-2)
ALTER TABLE sms_outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sms_outbox ADD COLUMN fail_reason TEXT;
ALTER TABLE sms_outbox ADD COLUMN delivered_at INTEGER;
CREATE INDEX sms_outbox_ready ON sms_outbox (status, priority, seq);

-- Messages residents sent, with the command read from them. Senders nobody knows belong to the
-- province (commune_id '', area_path the province's).
CREATE TABLE sms_inbox (
    commune_id TEXT NOT NULL,
    id TEXT NOT NULL,
    area_path TEXT NOT NULL,
    phone TEXT NOT NULL,
    body TEXT NOT NULL,
    command TEXT NOT NULL,
    resident_id TEXT,
    reply_id TEXT,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (commune_id, id)
);
CREATE INDEX sms_inbox_path ON sms_inbox (area_path, received_at);
CREATE INDEX sms_inbox_phone ON sms_inbox (phone, received_at);

-- Scam reports sent by SMS (LUADAO), for the commune's team and police liaison.
CREATE TABLE scam_reports (
    commune_id TEXT NOT NULL,
    id TEXT NOT NULL,
    area_path TEXT NOT NULL,
    phone TEXT NOT NULL,
    body TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (commune_id, id)
);
CREATE INDEX scam_reports_path ON scam_reports (area_path, at);

-- Warnings for a commune, by subscription (DK), and numbers that asked for no more messages
-- (HUY) until they subscribe again.
CREATE TABLE sms_subscriptions (
    phone TEXT NOT NULL,
    commune_id TEXT NOT NULL REFERENCES areas (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (phone, commune_id)
);
CREATE TABLE sms_optouts (
    phone TEXT NOT NULL PRIMARY KEY,
    at INTEGER NOT NULL
);
