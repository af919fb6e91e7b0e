-- PostgreSQL: the commune code becomes part of every tenant table's keys, as a distributed
-- PostgreSQL (Citus) requires of its distribution column: primary keys and the keys that
-- foreign keys point at start with commune_id, and a foreign key between tenant tables matches
-- the commune too, so a row can never point into another commune (the database itself checks
-- that the program writes the right commune). The global UNIQUE (id), national-ID and portal
-- code constraints stay for now: `caunoi citus-sql` lists the few statements that trade them for
-- per-commune ones when the tables are distributed (docs/scaling.md).

ALTER TABLE households ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE residents ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE support_sessions ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE tasks ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE desk_tickets ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE no_signal_reports ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE dossiers ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE sms_outbox ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE session_residents ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE session_services ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE skill_events ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE tips_given ALTER COLUMN commune_id SET NOT NULL;
ALTER TABLE dossier_events ALTER COLUMN commune_id SET NOT NULL;

ALTER TABLE households DROP CONSTRAINT households_pkey, ADD CONSTRAINT households_pkey PRIMARY KEY (commune_id, id);
ALTER TABLE residents DROP CONSTRAINT residents_pkey, ADD CONSTRAINT residents_pkey PRIMARY KEY (commune_id, id);
ALTER TABLE support_sessions DROP CONSTRAINT support_sessions_pkey, ADD CONSTRAINT support_sessions_pkey PRIMARY KEY (commune_id, id);
ALTER TABLE tasks DROP CONSTRAINT tasks_pkey, ADD CONSTRAINT tasks_pkey PRIMARY KEY (commune_id, id);
ALTER TABLE desk_tickets DROP CONSTRAINT desk_tickets_pkey, ADD CONSTRAINT desk_tickets_pkey PRIMARY KEY (commune_id, id);
ALTER TABLE no_signal_reports DROP CONSTRAINT no_signal_reports_pkey, ADD CONSTRAINT no_signal_reports_pkey PRIMARY KEY (commune_id, id);
ALTER TABLE dossiers DROP CONSTRAINT dossiers_pkey, ADD CONSTRAINT dossiers_pkey PRIMARY KEY (commune_id, id);
ALTER TABLE sms_outbox DROP CONSTRAINT sms_outbox_pkey, ADD CONSTRAINT sms_outbox_pkey PRIMARY KEY (commune_id, id);
ALTER TABLE session_residents DROP CONSTRAINT session_residents_pkey, ADD CONSTRAINT session_residents_pkey PRIMARY KEY (commune_id, session_id, resident_id);
ALTER TABLE session_services DROP CONSTRAINT session_services_pkey, ADD CONSTRAINT session_services_pkey PRIMARY KEY (commune_id, session_id, line);
ALTER TABLE skill_events DROP CONSTRAINT skill_events_pkey, ADD CONSTRAINT skill_events_pkey PRIMARY KEY (commune_id, seq);
ALTER TABLE tips_given DROP CONSTRAINT tips_given_pkey, ADD CONSTRAINT tips_given_pkey PRIMARY KEY (commune_id, resident_id, tip_key, session_id);
ALTER TABLE dossier_events DROP CONSTRAINT dossier_events_pkey, ADD CONSTRAINT dossier_events_pkey PRIMARY KEY (commune_id, seq);

ALTER TABLE residents DROP CONSTRAINT residents_household_id_fkey,
    ADD CONSTRAINT residents_household_id_fkey FOREIGN KEY (commune_id, household_id) REFERENCES households (commune_id, id) ON DELETE CASCADE;
ALTER TABLE support_sessions DROP CONSTRAINT support_sessions_household_id_fkey,
    ADD CONSTRAINT support_sessions_household_id_fkey FOREIGN KEY (commune_id, household_id) REFERENCES households (commune_id, id) ON DELETE CASCADE;
ALTER TABLE session_residents DROP CONSTRAINT session_residents_session_id_fkey,
    ADD CONSTRAINT session_residents_session_id_fkey FOREIGN KEY (commune_id, session_id) REFERENCES support_sessions (commune_id, id) ON DELETE CASCADE;
ALTER TABLE session_residents DROP CONSTRAINT session_residents_resident_id_fkey,
    ADD CONSTRAINT session_residents_resident_id_fkey FOREIGN KEY (commune_id, resident_id) REFERENCES residents (commune_id, id) ON DELETE CASCADE;
ALTER TABLE session_services DROP CONSTRAINT session_services_session_id_fkey,
    ADD CONSTRAINT session_services_session_id_fkey FOREIGN KEY (commune_id, session_id) REFERENCES support_sessions (commune_id, id) ON DELETE CASCADE;
ALTER TABLE skill_events DROP CONSTRAINT skill_events_resident_id_fkey,
    ADD CONSTRAINT skill_events_resident_id_fkey FOREIGN KEY (commune_id, resident_id) REFERENCES residents (commune_id, id) ON DELETE CASCADE;
ALTER TABLE skill_events DROP CONSTRAINT skill_events_session_id_fkey,
    ADD CONSTRAINT skill_events_session_id_fkey FOREIGN KEY (commune_id, session_id) REFERENCES support_sessions (commune_id, id) ON DELETE CASCADE;
ALTER TABLE tips_given DROP CONSTRAINT tips_given_resident_id_fkey,
    ADD CONSTRAINT tips_given_resident_id_fkey FOREIGN KEY (commune_id, resident_id) REFERENCES residents (commune_id, id) ON DELETE CASCADE;
ALTER TABLE tips_given DROP CONSTRAINT tips_given_session_id_fkey,
    ADD CONSTRAINT tips_given_session_id_fkey FOREIGN KEY (commune_id, session_id) REFERENCES support_sessions (commune_id, id) ON DELETE CASCADE;
ALTER TABLE tasks DROP CONSTRAINT tasks_household_id_fkey,
    ADD CONSTRAINT tasks_household_id_fkey FOREIGN KEY (commune_id, household_id) REFERENCES households (commune_id, id) ON DELETE CASCADE;
ALTER TABLE tasks DROP CONSTRAINT tasks_resident_id_fkey,
    ADD CONSTRAINT tasks_resident_id_fkey FOREIGN KEY (commune_id, resident_id) REFERENCES residents (commune_id, id) ON DELETE CASCADE;
ALTER TABLE tasks DROP CONSTRAINT tasks_session_id_fkey,
    ADD CONSTRAINT tasks_session_id_fkey FOREIGN KEY (commune_id, session_id) REFERENCES support_sessions (commune_id, id) ON DELETE CASCADE;
ALTER TABLE desk_tickets DROP CONSTRAINT desk_tickets_resident_id_fkey,
    ADD CONSTRAINT desk_tickets_resident_id_fkey FOREIGN KEY (commune_id, resident_id) REFERENCES residents (commune_id, id) ON DELETE SET NULL (resident_id);
ALTER TABLE dossiers DROP CONSTRAINT dossiers_resident_id_fkey,
    ADD CONSTRAINT dossiers_resident_id_fkey FOREIGN KEY (commune_id, resident_id) REFERENCES residents (commune_id, id) ON DELETE CASCADE;
ALTER TABLE dossier_events DROP CONSTRAINT dossier_events_dossier_id_fkey,
    ADD CONSTRAINT dossier_events_dossier_id_fkey FOREIGN KEY (commune_id, dossier_id) REFERENCES dossiers (commune_id, id) ON DELETE CASCADE;
ALTER TABLE sms_outbox DROP CONSTRAINT sms_outbox_dossier_id_fkey,
    ADD CONSTRAINT sms_outbox_dossier_id_fkey FOREIGN KEY (commune_id, dossier_id) REFERENCES dossiers (commune_id, id) ON DELETE CASCADE;
