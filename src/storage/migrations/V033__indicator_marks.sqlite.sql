-- SQLite: every write to a table an indicator counts marks its commune for a recount
-- (V033__indicators.sql), in the writing transaction. One trigger per event (SQLite has no
-- multi-event triggers); each costs one index probe per row written. ON CONFLICT DO NOTHING, not
-- INSERT OR IGNORE: an upsert's DO UPDATE imposes its own ABORT on an OR clause in the triggers it
-- fires, and a village's languages are set by one.
-- A row of the province itself (an SMS from a number nobody knows: commune '') marks nothing.
CREATE TRIGGER households_mark_insert AFTER INSERT ON households BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER households_mark_delete AFTER DELETE ON households BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER households_mark_update AFTER UPDATE ON households BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER residents_mark_insert AFTER INSERT ON residents BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER residents_mark_delete AFTER DELETE ON residents BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER residents_mark_update AFTER UPDATE ON residents BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER support_sessions_mark_insert AFTER INSERT ON support_sessions BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER support_sessions_mark_delete AFTER DELETE ON support_sessions BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER support_sessions_mark_update AFTER UPDATE ON support_sessions BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER session_services_mark_insert AFTER INSERT ON session_services BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER session_services_mark_delete AFTER DELETE ON session_services BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER session_services_mark_update AFTER UPDATE ON session_services BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER tips_given_mark_insert AFTER INSERT ON tips_given BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER tips_given_mark_delete AFTER DELETE ON tips_given BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER tips_given_mark_update AFTER UPDATE ON tips_given BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER dossiers_mark_insert AFTER INSERT ON dossiers BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER dossiers_mark_delete AFTER DELETE ON dossiers BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER dossiers_mark_update AFTER UPDATE ON dossiers BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER scam_reports_mark_insert AFTER INSERT ON scam_reports BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER scam_reports_mark_delete AFTER DELETE ON scam_reports BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER scam_reports_mark_update AFTER UPDATE ON scam_reports BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER desk_tickets_mark_insert AFTER INSERT ON desk_tickets BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER desk_tickets_mark_delete AFTER DELETE ON desk_tickets BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER desk_tickets_mark_update AFTER UPDATE ON desk_tickets BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER no_signal_reports_mark_insert AFTER INSERT ON no_signal_reports BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER no_signal_reports_mark_delete AFTER DELETE ON no_signal_reports BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER no_signal_reports_mark_update AFTER UPDATE ON no_signal_reports BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER training_attendance_mark_insert AFTER INSERT ON training_attendance BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER training_attendance_mark_delete AFTER DELETE ON training_attendance BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER training_attendance_mark_update AFTER UPDATE ON training_attendance BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER listings_mark_insert AFTER INSERT ON listings BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER listings_mark_delete AFTER DELETE ON listings BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER listings_mark_update AFTER UPDATE ON listings BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER alert_villages_mark_insert AFTER INSERT ON alert_villages BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER alert_villages_mark_delete AFTER DELETE ON alert_villages BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER alert_villages_mark_update AFTER UPDATE ON alert_villages BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER village_loudspeakers_mark_insert AFTER INSERT ON village_loudspeakers BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER village_loudspeakers_mark_delete AFTER DELETE ON village_loudspeakers BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER village_loudspeakers_mark_update AFTER UPDATE ON village_loudspeakers BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT OLD.commune_id WHERE OLD.commune_id <> '' ON CONFLICT DO NOTHING;
    INSERT INTO indicator_dirty (commune_id) SELECT NEW.commune_id WHERE NEW.commune_id <> '' ON CONFLICT DO NOTHING;
END;
-- village_languages names the village only.
CREATE TRIGGER village_languages_mark_insert AFTER INSERT ON village_languages BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT parent_id FROM areas WHERE id = NEW.village_id ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER village_languages_mark_delete AFTER DELETE ON village_languages BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT parent_id FROM areas WHERE id = OLD.village_id ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER village_languages_mark_update AFTER UPDATE ON village_languages BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT parent_id FROM areas WHERE id = NEW.village_id ON CONFLICT DO NOTHING;
END;
