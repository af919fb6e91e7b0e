-- Counts per commune, and nothing personal: what a national rollup may read from a province's
-- database (docs/scaling.md, "One instance per province"). Grouped by the distribution column,
-- so on Citus each node counts its own communes.
CREATE VIEW commune_indicators AS
SELECT a.id AS commune_id,
       a.name AS commune_name,
       COALESCE(h.n, 0) AS households,
       COALESCE(r.n, 0) AS residents,
       COALESCE(r.vneid_level2, 0) AS residents_vneid_level2,
       COALESCE(r.portal_account, 0) AS residents_portal_account,
       COALESCE(r.payment_account, 0) AS residents_payment_account,
       COALESCE(r.basic_phone, 0) AS residents_basic_phone,
       COALESCE(s.n, 0) AS support_sessions,
       COALESCE(d.n, 0) AS dossiers
FROM areas a
LEFT JOIN (SELECT commune_id, COUNT(*) AS n FROM households GROUP BY commune_id) h ON h.commune_id = a.id
LEFT JOIN (SELECT commune_id, COUNT(*) AS n,
                  SUM(CASE WHEN vneid_level = 2 THEN 1 ELSE 0 END) AS vneid_level2,
                  SUM(CASE WHEN portal_account = 1 THEN 1 ELSE 0 END) AS portal_account,
                  SUM(CASE WHEN payment_account = 1 THEN 1 ELSE 0 END) AS payment_account,
                  SUM(CASE WHEN phone_kind = 'basic' THEN 1 ELSE 0 END) AS basic_phone
           FROM residents GROUP BY commune_id) r ON r.commune_id = a.id
LEFT JOIN (SELECT commune_id, COUNT(*) AS n FROM support_sessions GROUP BY commune_id) s ON s.commune_id = a.id
LEFT JOIN (SELECT commune_id, COUNT(*) AS n FROM dossiers GROUP BY commune_id) d ON d.commune_id = a.id
WHERE a.kind IN ('commune', 'ward');
