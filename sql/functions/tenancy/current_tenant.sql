-- sql/functions/tenancy/current_tenant.sql
CREATE OR REPLACE FUNCTION monay.current_tenant()
    RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* GET /api/tenants/current: the tenant of this transaction's verified context,
   {tenant_id, tenant_code, name, tenant_type, billing_tier, status, user_id, role}
   (user_id and role NULL for a platform job in that tenant).
   Raises MT206 when the context holds no tenant (none, forged, user-only, or the
   platform-wide context). */
DECLARE
    v_tenant uuid := monay.current_tenant_id();
    v_user   uuid := monay.current_user_id();
    v_row    monay.tenants;
    v_role   text;
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'current_tenant: no tenant in this transaction''s context' USING ERRCODE = 'MT206',
            HINT = 'Call monay.authenticate(token) (or, for a platform job, monay.set_tenant_context) first.';
    END IF;
    SELECT * INTO v_row FROM monay.tenants t WHERE t.id = v_tenant;
    SELECT tu.role INTO v_role FROM monay.tenant_users tu
    WHERE tu.tenant_id = v_tenant AND tu.user_id = v_user AND tu.status = 'active';
    RETURN jsonb_build_object('tenant_id', v_row.id, 'tenant_code', v_row.tenant_code, 'name', v_row.name,
                              'tenant_type', v_row.tenant_type, 'billing_tier', v_row.billing_tier,
                              'status', v_row.status, 'user_id', v_user, 'role', v_role);
END;
$$;

COMMENT ON FUNCTION monay.current_tenant() IS
    'GET /api/tenants/current: the context''s tenant and the user''s role in it (MT206 without one).';
REVOKE ALL ON FUNCTION monay.current_tenant() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.current_tenant() TO monay_app, monay_platform, monay_readonly;
