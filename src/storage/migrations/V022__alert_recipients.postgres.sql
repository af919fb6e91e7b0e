-- One row per number a warning reached: the key makes it one message per number per warning,
-- whichever way the number belongs to the area (operator, staff, resident, subscriber).
CREATE TABLE alert_recipients (
    alert_id TEXT NOT NULL,
    phone TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind = 'operator' OR kind = 'staff' OR kind = 'resident' OR kind = 'subscriber'),
    commune_id TEXT NOT NULL,
    area_path TEXT NOT NULL,
    PRIMARY KEY (alert_id, phone)
);
