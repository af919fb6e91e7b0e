-- SQLite compiles `col IN (three or more constants)` in a CHECK constraint into a temporary
-- b-tree that it builds, fills and frees again for every row written: four of them for each
-- support session a phone pushes (channel, outcome, reason, the sync answer's status), 12-15 %
-- of the server's time per synced operation (docs/benchmarks.md). The same test written as
-- `col = 'a' OR col = 'b' ...` is plain comparisons, and means the same, NULL included (both are
-- NULL for a NULL value, which a CHECK lets through).
--
-- A CHECK that keeps its meaning changes nothing stored, so this edits the tables' definitions in
-- place, as SQLite documents for such changes ("making other kinds of table schema changes" in
-- its ALTER TABLE page): in this migration's transaction, writable_schema, an UPDATE of the
-- definition's text, RESET (this connection reloads the schema), then a schema change of its own
-- (a table made and dropped) so that every other open connection reloads it too. Rebuilding the
-- tables instead would copy every row and, with foreign keys on (they cannot be turned off inside
-- the migration's transaction), cascade the drop of a parent table into its children.
-- src/storage/migrator_test.cpp checks that no such list is left and that the CHECKs still refuse.
-- PostgreSQL tests a list without a temporary table: nothing to do there (V016 .postgres.sql).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (kind IN (''province'',''commune'',''ward'',''village''))',
    'CHECK (kind = ''province'' OR kind = ''commune'' OR kind = ''ward'' OR kind = ''village'')'),
    'CHECK (coverage IN (''none'',''2g'',''3g'',''4g''))',
    'CHECK (coverage = ''none'' OR coverage = ''2g'' OR coverage = ''3g'' OR coverage = ''4g'')')
WHERE type = 'table' AND name = 'areas';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (kind IN (''youth_union'',''teacher'',''one_stop_officer'',''village_head'',' ||
      '''police'',''elder'',''other''))',
    'CHECK (kind = ''youth_union'' OR kind = ''teacher'' OR kind = ''one_stop_officer''' ||
      ' OR kind = ''village_head'' OR kind = ''police'' OR kind = ''elder'' OR kind = ''other'')')
WHERE type = 'table' AND name = 'team_members';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (role IN (''province_admin'',''commune_officer'',''team_leader'',''member''))',
    'CHECK (role = ''province_admin'' OR role = ''commune_officer'' OR role = ''team_leader''' ||
      ' OR role = ''member'')')
WHERE type = 'table' AND name = 'users';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (sex IN (''f'',''m'',''x''))',
    'CHECK (sex = ''f'' OR sex = ''m'' OR sex = ''x'')'),
    'CHECK (phone_kind IN (''none'',''basic'',''smart''))',
    'CHECK (phone_kind = ''none'' OR phone_kind = ''basic'' OR phone_kind = ''smart'')')
WHERE type = 'table' AND name = 'residents';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (channel IN (''home_visit'',''commune_desk'',''village_meeting'',''phone''))',
    'CHECK (channel = ''home_visit'' OR channel = ''commune_desk'' OR channel = ''village_meeting''' ||
      ' OR channel = ''phone'')')
WHERE type = 'table' AND name = 'support_sessions';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (outcome IN (''done'',''partly'',''not_done''))',
    'CHECK (outcome = ''done'' OR outcome = ''partly'' OR outcome = ''not_done'')'),
    'CHECK (reason IN (''no_signal'',''no_device'',''missing_papers'',''declined'',''system_error'',''other''))',
    'CHECK (reason = ''no_signal'' OR reason = ''no_device'' OR reason = ''missing_papers''' ||
      ' OR reason = ''declined'' OR reason = ''system_error'' OR reason = ''other'')')
WHERE type = 'table' AND name = 'session_services';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (status IN (''open'',''done'',''skipped''))',
    'CHECK (status = ''open'' OR status = ''done'' OR status = ''skipped'')')
WHERE type = 'table' AND name = 'tasks';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (need IN (''procedure'',''digital_help'',''question''))',
    'CHECK (need = ''procedure'' OR need = ''digital_help'' OR need = ''question'')'),
    'CHECK (status IN (''waiting'',''called'',''serving'',''closed'',''no_show''))',
    'CHECK (status = ''waiting'' OR status = ''called'' OR status = ''serving'' OR status = ''closed''' ||
      ' OR status = ''no_show'')')
WHERE type = 'table' AND name = 'desk_tickets';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (operator IN (''viettel'',''vinaphone'',''mobifone'',''vietnamobile'',''other''))',
    'CHECK (operator = ''viettel'' OR operator = ''vinaphone'' OR operator = ''mobifone''' ||
      ' OR operator = ''vietnamobile'' OR operator = ''other'')')
WHERE type = 'table' AND name = 'no_signal_reports';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (channel IN (''self_online'',''assisted_online'',''desk''))',
    'CHECK (channel = ''self_online'' OR channel = ''assisted_online'' OR channel = ''desk'')'),
    'CHECK (status IN (''submitted'',''received'',''processing'',''supplement_requested'',' ||
      char(10) ||
      '                                           ''resubmitted'',''result_ready'',''result_received'',' ||
      '''rejected'',''withdrawn''))',
    'CHECK (status = ''submitted'' OR status = ''received'' OR status = ''processing''' ||
      ' OR status = ''supplement_requested'' OR status = ''resubmitted'' OR status = ''result_ready''' ||
      ' OR status = ''result_received'' OR status = ''rejected'' OR status = ''withdrawn'')')
WHERE type = 'table' AND name = 'dossiers';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (status IN (''queued'',''sent'',''delivered'',''failed''))',
    'CHECK (status = ''queued'' OR status = ''sent'' OR status = ''delivered'' OR status = ''failed'')')
WHERE type = 'table' AND name = 'sms_outbox';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (kind IN (''household'', ''resident'', ''task''))',
    'CHECK (kind = ''household'' OR kind = ''resident'' OR kind = ''task'')')
WHERE type = 'table' AND name = 'sync_changes';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (status IN (''applied'', ''conflict'', ''rejected''))',
    'CHECK (status = ''applied'' OR status = ''conflict'' OR status = ''rejected'')')
WHERE type = 'table' AND name = 'sync_ops';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (status IN (''open'', ''kept_server'', ''took_phone''))',
    'CHECK (status = ''open'' OR status = ''kept_server'' OR status = ''took_phone'')')
WHERE type = 'table' AND name = 'sync_conflicts';
PRAGMA writable_schema = RESET;
CREATE TABLE caunoi_schema_reload (x INTEGER);
DROP TABLE caunoi_schema_reload;
