-- sql/functions/audit/audit_log_append_only.sql
CREATE OR REPLACE FUNCTION monay_private.audit_log_append_only()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* BEFORE UPDATE/DELETE/TRUNCATE trigger on monay.audit_log: the log is
   append-only for every role, its owner included (42501). */
BEGIN
    RAISE EXCEPTION 'monay.audit_log is append-only: % refused', TG_OP USING ERRCODE = '42501';
END;
$$;

COMMENT ON FUNCTION monay_private.audit_log_append_only() IS
    'Refuses UPDATE, DELETE and TRUNCATE on monay.audit_log.';
REVOKE ALL ON FUNCTION monay_private.audit_log_append_only() FROM PUBLIC;

CREATE OR REPLACE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON monay.audit_log
    FOR EACH ROW EXECUTE FUNCTION monay_private.audit_log_append_only();
CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON monay.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION monay_private.audit_log_append_only();
