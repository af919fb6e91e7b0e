-- State several caunoi processes on one database must share (issue 5).

-- Fixed-window counters for public rate limits (the dossier look-up), keyed by what is limited
-- ("addr:203.0.113.7", "code:H42…"). Old windows are deleted as new ones are counted.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    hits INTEGER NOT NULL
);
CREATE INDEX rate_limits_window ON rate_limits(window_start);

-- A sender claims queued messages for a while (a lease) before sending them, so two senders
-- never send the same message; a claim that expires (the sender died) can be taken again.
ALTER TABLE sms_outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE sms_outbox ADD COLUMN claimed_until INTEGER;
