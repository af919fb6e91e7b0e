-- As V035__session_line_marks.sqlite.sql: service lines and tips are only inserted with their
-- session, whose statement trigger marks the same commune in the same transaction.
DROP TRIGGER session_services_mark_insert ON session_services;
DROP TRIGGER tips_given_mark_insert ON tips_given;
