-- A synced support session wrote three indicator marks (V033): its own row's, its service line's
-- and its tip's, all for the same commune in the same transaction. Service lines and tips are only
-- ever inserted with their session (storage/fieldwork_store.cpp, InsertSession; the province demo
-- and migrate-data write with the triggers off and count afterwards), so the session's mark covers
-- them: their insert triggers go. Updates and deletes of them (cascades from a resident or a
-- household erased) still mark. 8 % of the server's time per synced session (docs/benchmarks.md,
-- "Sync apply").
DROP TRIGGER session_services_mark_insert;
DROP TRIGGER tips_given_mark_insert;
