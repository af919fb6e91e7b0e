-- DK names a village (people think in bản) or a commune: a subscription keeps the area it names
-- and that area's path, so the officers of the area see it and warnings for a village reach the
-- village's subscribers and its commune's. Rebuilt (a new key); rows before named communes.
CREATE TABLE sms_subscriptions_by_place (
    phone TEXT NOT NULL,
    area_id TEXT NOT NULL REFERENCES areas (id),
    area_path TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (phone, area_id)
);
INSERT INTO sms_subscriptions_by_place (phone, area_id, area_path, created_at)
    SELECT s.phone, s.commune_id, a.path, s.created_at FROM sms_subscriptions s JOIN areas a ON a.id = s.commune_id;
DROP TABLE sms_subscriptions;
ALTER TABLE sms_subscriptions_by_place RENAME TO sms_subscriptions;
CREATE INDEX sms_subscriptions_path ON sms_subscriptions (area_path);
