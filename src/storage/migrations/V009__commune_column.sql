-- Every tenant table carries the commune code (`commune_id`, the official code of the commune
-- or ward the row belongs to): the distribution column for a distributed PostgreSQL (Citus),
-- and what keeps every join inside one commune (docs/scaling.md). The program writes it on
-- every insert; these statements fill it for rows stored before version 9.
-- desk_tickets had it already.

ALTER TABLE households ADD COLUMN commune_id TEXT;
UPDATE households SET commune_id = (SELECT a.parent_id FROM areas a WHERE a.id = households.village_id);

ALTER TABLE residents ADD COLUMN commune_id TEXT;
UPDATE residents SET commune_id = (SELECT h.commune_id FROM households h WHERE h.id = residents.household_id);

ALTER TABLE support_sessions ADD COLUMN commune_id TEXT;
UPDATE support_sessions SET commune_id =
    (SELECT h.commune_id FROM households h WHERE h.id = support_sessions.household_id);

ALTER TABLE session_residents ADD COLUMN commune_id TEXT;
UPDATE session_residents SET commune_id =
    (SELECT s.commune_id FROM support_sessions s WHERE s.id = session_residents.session_id);

ALTER TABLE session_services ADD COLUMN commune_id TEXT;
UPDATE session_services SET commune_id =
    (SELECT s.commune_id FROM support_sessions s WHERE s.id = session_services.session_id);

ALTER TABLE skill_events ADD COLUMN commune_id TEXT;
UPDATE skill_events SET commune_id = (SELECT r.commune_id FROM residents r WHERE r.id = skill_events.resident_id);

ALTER TABLE tips_given ADD COLUMN commune_id TEXT;
UPDATE tips_given SET commune_id = (SELECT r.commune_id FROM residents r WHERE r.id = tips_given.resident_id);

ALTER TABLE tasks ADD COLUMN commune_id TEXT;
UPDATE tasks SET commune_id = (SELECT h.commune_id FROM households h WHERE h.id = tasks.household_id);

ALTER TABLE no_signal_reports ADD COLUMN commune_id TEXT;
UPDATE no_signal_reports SET commune_id =
    (SELECT a.parent_id FROM areas a WHERE a.id = no_signal_reports.village_id);

ALTER TABLE dossiers ADD COLUMN commune_id TEXT;
UPDATE dossiers SET commune_id = (SELECT r.commune_id FROM residents r WHERE r.id = dossiers.resident_id);

ALTER TABLE dossier_events ADD COLUMN commune_id TEXT;
UPDATE dossier_events SET commune_id = (SELECT d.commune_id FROM dossiers d WHERE d.id = dossier_events.dossier_id);

-- An outbox row's area is a village (or, for area-wide messages, a commune) path.
ALTER TABLE sms_outbox ADD COLUMN commune_id TEXT;
UPDATE sms_outbox SET commune_id = (SELECT a.id FROM areas a WHERE a.kind IN ('commune', 'ward')
    AND (sms_outbox.area_path = a.path OR sms_outbox.area_path LIKE a.path || '/%'));
