-- Undo 011_monitoring, in reverse order: the views and their readers (schema
-- monay_monitor), and what 011 added to shared objects
-- (pg_stat_statements, pg_read_all_stats for monay_owner), as recorded in
-- monay_private.monitoring_installed. The role monay_monitor stays, like 001's
-- roles: it is cluster-wide and may serve another database.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

DROP SCHEMA monay_monitor CASCADE;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM monay_private.monitoring_installed
               WHERE item = 'grant pg_read_all_stats to monay_owner') THEN
        REVOKE pg_read_all_stats FROM monay_owner;
    END IF;
    IF EXISTS (SELECT 1 FROM monay_private.monitoring_installed
               WHERE item = 'extension pg_stat_statements') THEN
        DROP EXTENSION IF EXISTS pg_stat_statements;
    END IF;
END
$$;

DROP TABLE monay_private.monitoring_installed;
