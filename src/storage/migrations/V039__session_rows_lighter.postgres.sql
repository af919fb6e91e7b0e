-- PostgreSQL keeps its tables and its statement trigger on support_sessions (see
-- V039__session_rows_lighter.sqlite.sql): nothing changes; the version is recorded on both engines.
SELECT 1;
