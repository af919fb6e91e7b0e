-- HUY stops routine messages and warnings; the dossier notifications a person asked for go on
-- unless they sent HUY HS (all_messages = 1). Opt-outs recorded before meant everything.
ALTER TABLE sms_optouts ADD COLUMN all_messages INTEGER NOT NULL DEFAULT 0;
UPDATE sms_optouts SET all_messages = 1;
