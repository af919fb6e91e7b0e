-- PostgreSQL-only: trigram indexes for the household name search (storage/dialect.cpp,
-- NameSearchClause): a folded token must prefix a word of the household's or a resident's
-- folded name, written as LIKE '% tok%' over ' ' || name_folded.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX households_name_trgm ON households USING gin ((' ' || name_folded) gin_trgm_ops);
CREATE INDEX residents_name_trgm ON residents USING gin ((' ' || name_folded) gin_trgm_ops);
