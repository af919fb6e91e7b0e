-- Members' own training (issue 19, item 5; docs/training.md "Members' own training"): the courses
-- each person with an account completed (national online courses with their certificate number)
-- and the curriculum modules each may teach. Rows belong to a user, not to a commune, and are few
-- (a handful per member): reference tables beside `users` (storage/distribution.cpp).

-- A course is never deleted: one recorded by mistake is withdrawn (kept, no longer listed).
CREATE TABLE member_courses (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    provider TEXT NOT NULL DEFAULT '',
    national_online INTEGER NOT NULL DEFAULT 0 CHECK (national_online = 0 OR national_online = 1),
    completed_on TEXT NOT NULL,              -- YYYY-MM-DD, Vietnam's calendar
    certificate TEXT NOT NULL DEFAULT '',    -- '' : none (only for a course that is not national)
    recorded_by TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    withdrawn_at INTEGER,
    withdrawn_by TEXT
);
CREATE INDEX member_courses_user ON member_courses (user_id, completed_on);

-- "May teach": one row per person and module key of the curriculum; revoking deletes the row
-- (the audit log keeps who granted and who revoked, and when).
CREATE TABLE member_modules (
    user_id TEXT NOT NULL REFERENCES users (id),
    module_key TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, module_key)
);
