-- Commune announcements (issue 18, item 4; docs/announcements.md): what officers post for their
-- commune or some of its villages, public, read on the loudspeakers, and sent by SMS to
-- subscribers only when the officer asks. Tenant tables by commune_id (docs/scaling.md).
CREATE TABLE announcements (
    commune_id TEXT NOT NULL,
    id TEXT NOT NULL,
    area_path TEXT NOT NULL,                 -- the commune's path
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    valid_until INTEGER NOT NULL,
    sms INTEGER NOT NULL DEFAULT 0,          -- 1: the officer asked for the SMS
    sms_queued INTEGER NOT NULL DEFAULT 0,   -- numbers it was queued to
    sms_text TEXT NOT NULL DEFAULT '',
    posted_by TEXT NOT NULL,
    posted_at INTEGER NOT NULL,
    withdrawn_at INTEGER,
    withdrawn_by TEXT,
    PRIMARY KEY (commune_id, id)
);
CREATE INDEX announcements_id ON announcements (id);
CREATE INDEX announcements_in_force ON announcements (commune_id, valid_until);

-- The villages an announcement names (none: the whole commune).
CREATE TABLE announcement_villages (
    commune_id TEXT NOT NULL,
    announcement_id TEXT NOT NULL,
    village_id TEXT NOT NULL,
    PRIMARY KEY (commune_id, announcement_id, village_id)
);
CREATE INDEX announcement_villages_village ON announcement_villages (village_id);

-- An announcement's SMS (kind 'announcement', priority 1: after warnings), one per number: the
-- row's id is "<announcement id>-<number>"; withdrawing stops those not yet sent.
ALTER TABLE sms_outbox ADD COLUMN announcement_id TEXT;
CREATE INDEX sms_outbox_announcement ON sms_outbox (announcement_id, status) WHERE announcement_id IS NOT NULL;
