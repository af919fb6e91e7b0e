-- The change log keeps the latest change of each record per commune and area: a phone pulling
-- after any cursor still gets the record's latest state once; superseded rows only grew the table.
CREATE INDEX sync_changes_entity ON sync_changes (kind, entity_id);
DELETE FROM sync_changes WHERE EXISTS (
    SELECT 1 FROM sync_changes n
    WHERE n.kind = sync_changes.kind AND n.entity_id = sync_changes.entity_id
      AND n.commune_id = sync_changes.commune_id AND n.area_path = sync_changes.area_path
      AND n.rev > sync_changes.rev);
