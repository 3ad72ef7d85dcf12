-- sql/functions/audit/audit_row_change.sql
CREATE OR REPLACE FUNCTION monay_private.audit_row_change()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* AFTER ROW trigger: one monay.audit_log row per change of an audited table,
   with the acting user and tenant context, old and new values and the txid.
   The row's tenant is its tenant_id column, or id for monay.tenants, or NULL
   for global tables (settings). TG_ARGV[0], when given, names the key column. */
DECLARE
    v_old    jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    v_new    jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
    v_row    jsonb := coalesce(v_new, v_old);
    v_tenant uuid;
    v_ctx    record;
BEGIN
    IF TG_TABLE_NAME = 'tenants' THEN
        v_tenant := (v_row ->> 'id')::uuid;
    ELSIF v_row ? 'tenant_id' THEN
        v_tenant := (v_row ->> 'tenant_id')::uuid;
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    INSERT INTO monay.audit_log (tenant_id, context_tenant_id, actor_user_id, action, table_name,
                                 row_key, old_values, new_values, detail, txid)
    VALUES (v_tenant, v_ctx.tenant_id, v_ctx.user_id, TG_OP, TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME,
            CASE WHEN TG_NARGS > 0 THEN jsonb_build_object(TG_ARGV[0], v_row -> TG_ARGV[0]) END,
            v_old, v_new,
            CASE WHEN v_ctx.platform THEN '{"platform": true}'::jsonb END,
            txid_current());
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION monay_private.audit_row_change() IS
    'AFTER ROW trigger writing monay.audit_log (who, which context, old/new values, txid).';
REVOKE ALL ON FUNCTION monay_private.audit_row_change() FROM PUBLIC;

CREATE OR REPLACE TRIGGER tenants_500_audit AFTER INSERT OR UPDATE OR DELETE ON monay.tenants
    FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('id');
CREATE OR REPLACE TRIGGER tenant_users_500_audit AFTER INSERT OR UPDATE OR DELETE ON monay.tenant_users
    FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('user_id');
CREATE OR REPLACE TRIGGER settings_500_audit AFTER INSERT OR UPDATE OR DELETE ON monay.settings
    FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('key');
CREATE OR REPLACE TRIGGER users_audit AFTER UPDATE ON monay.users
    FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('id');
