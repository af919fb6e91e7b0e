-- One outbox row per number per warning is the outbox's own key: a warning's row for a number
-- has the id "<alert id>-<number>", and ids are unique. The recipients' ledger, which wrote
-- every row of a warning a second time (issue 17's benchmark), goes; a village's numbers are
-- its outbox rows. sms_outbox_status (status, seq) was covered by sms_outbox_ready
-- (status, priority, seq) and only cost writes.
DROP INDEX sms_outbox_status;
DROP TABLE alert_recipients;
-- Only dossier and warning messages have these: rows without one stay out of the index.
DROP INDEX sms_outbox_dossier;
CREATE INDEX sms_outbox_dossier ON sms_outbox (dossier_id) WHERE dossier_id IS NOT NULL;
DROP INDEX sms_outbox_alert;
CREATE INDEX sms_outbox_alert ON sms_outbox (alert_id, status) WHERE alert_id IS NOT NULL;
