-- Messages the platform could not answer well (not understood, or from a number nobody
-- registered) wait for a person: a team leader answers them by SMS from /sms/queue. Who answered
-- and when; NULL while waiting.
ALTER TABLE sms_inbox ADD COLUMN answered_at INTEGER;
ALTER TABLE sms_inbox ADD COLUMN answered_by TEXT;
