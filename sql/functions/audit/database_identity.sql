-- sql/functions/audit/database_identity.sql
CREATE OR REPLACE FUNCTION monay_private.database_identity()
    RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Which database this is, as '<system identifier of the cluster>/<database oid>':
   two databases never share it, and a copy (pg_restore into another database,
   CREATE DATABASE ... TEMPLATE, another server) gets its own. The audit link
   compares both ends' identities, so a restored copy whose link still points
   at the original writes nothing into the original. Raises nothing. */
    SELECT (SELECT s.system_identifier FROM pg_catalog.pg_control_system() s)::text || '/'
        || (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())::text
$$;

COMMENT ON FUNCTION monay_private.database_identity() IS
    'This database''s identity (cluster system identifier / database oid), compared by the audit link.';
REVOKE ALL ON FUNCTION monay_private.database_identity() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay_private.database_identity() TO monay_audit;
