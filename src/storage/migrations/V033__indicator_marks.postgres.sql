-- PostgreSQL: every statement writing a table an indicator counts marks the communes of the rows
-- it wrote for a recount (V033__indicators.sql), in the writing transaction. Statement-level
-- triggers over transition tables: one insert per statement, however many rows it wrote.
-- Inserts and deletes name their transition table t alike, so one function serves both.
-- A row of the province itself (an SMS from a number nobody knows: commune '') marks nothing.
CREATE FUNCTION caunoi_mark_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT DISTINCT commune_id FROM t WHERE commune_id <> ''
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE FUNCTION caunoi_mark_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO indicator_dirty (commune_id)
        SELECT commune_id FROM n WHERE commune_id <> ''
        UNION SELECT commune_id FROM o WHERE commune_id <> ''
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE FUNCTION caunoi_mark_village() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO indicator_dirty (commune_id) SELECT parent_id FROM areas
        WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.village_id ELSE NEW.village_id END)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER households_mark_insert AFTER INSERT ON households REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER households_mark_delete AFTER DELETE ON households REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER households_mark_update AFTER UPDATE ON households REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER residents_mark_insert AFTER INSERT ON residents REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER residents_mark_delete AFTER DELETE ON residents REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER residents_mark_update AFTER UPDATE ON residents REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER support_sessions_mark_insert AFTER INSERT ON support_sessions REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER support_sessions_mark_delete AFTER DELETE ON support_sessions REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER support_sessions_mark_update AFTER UPDATE ON support_sessions REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER session_services_mark_insert AFTER INSERT ON session_services REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER session_services_mark_delete AFTER DELETE ON session_services REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER session_services_mark_update AFTER UPDATE ON session_services REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER tips_given_mark_insert AFTER INSERT ON tips_given REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER tips_given_mark_delete AFTER DELETE ON tips_given REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER tips_given_mark_update AFTER UPDATE ON tips_given REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER dossiers_mark_insert AFTER INSERT ON dossiers REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER dossiers_mark_delete AFTER DELETE ON dossiers REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER dossiers_mark_update AFTER UPDATE ON dossiers REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER scam_reports_mark_insert AFTER INSERT ON scam_reports REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER scam_reports_mark_delete AFTER DELETE ON scam_reports REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER scam_reports_mark_update AFTER UPDATE ON scam_reports REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER desk_tickets_mark_insert AFTER INSERT ON desk_tickets REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER desk_tickets_mark_delete AFTER DELETE ON desk_tickets REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER desk_tickets_mark_update AFTER UPDATE ON desk_tickets REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER no_signal_reports_mark_insert AFTER INSERT ON no_signal_reports REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER no_signal_reports_mark_delete AFTER DELETE ON no_signal_reports REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER no_signal_reports_mark_update AFTER UPDATE ON no_signal_reports REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER training_attendance_mark_insert AFTER INSERT ON training_attendance REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER training_attendance_mark_delete AFTER DELETE ON training_attendance REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER training_attendance_mark_update AFTER UPDATE ON training_attendance REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER listings_mark_insert AFTER INSERT ON listings REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER listings_mark_delete AFTER DELETE ON listings REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER listings_mark_update AFTER UPDATE ON listings REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER alert_villages_mark_insert AFTER INSERT ON alert_villages REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER alert_villages_mark_delete AFTER DELETE ON alert_villages REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER alert_villages_mark_update AFTER UPDATE ON alert_villages REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER village_loudspeakers_mark_insert AFTER INSERT ON village_loudspeakers REFERENCING NEW TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER village_loudspeakers_mark_delete AFTER DELETE ON village_loudspeakers REFERENCING OLD TABLE AS t
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_rows();
CREATE TRIGGER village_loudspeakers_mark_update AFTER UPDATE ON village_loudspeakers REFERENCING OLD TABLE AS o NEW TABLE AS n
    FOR EACH STATEMENT EXECUTE FUNCTION caunoi_mark_both();
CREATE TRIGGER village_languages_mark AFTER INSERT OR UPDATE OR DELETE ON village_languages
    FOR EACH ROW EXECUTE FUNCTION caunoi_mark_village();
