-- sql/functions/tenancy/list_user_tenants.sql
CREATE OR REPLACE FUNCTION monay.list_user_tenants()
    RETURNS TABLE (tenant_id uuid, tenant_code text, name text, tenant_type text,
                   billing_tier text, role text, is_current boolean)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The tenant selector of the apps: the authenticated user's active
   memberships in active tenants, with the tenant's code, name, type, tier,
   the user's role, and whether it is the tenant of this transaction's
   context. Ordered by name, then code. Pass a tenant_id to
   monay.switch_tenant to move there. Inside a tenant's context RLS shows
   only that tenant, so this function reads in the user-only context (the
   same user, no tenant: their own memberships and those tenants) and then
   restores the caller's context.
   Raises:
     MT206 nobody is authenticated in this transaction (monay.authenticate) */
DECLARE
    v_user   uuid := monay.current_user_id();
    v_tenant uuid := monay.current_tenant_id();
BEGIN
    IF v_user IS NULL THEN
        RAISE EXCEPTION 'list_user_tenants needs an authenticated user: call monay.authenticate(token) first'
            USING ERRCODE = 'MT206';
    END IF;
    PERFORM monay_private.set_context(NULL, v_user, false);
    RETURN QUERY
        SELECT t.id, t.tenant_code, t.name, t.tenant_type, t.billing_tier, tu.role,
               t.id IS NOT DISTINCT FROM v_tenant
        FROM monay.tenant_users tu
        JOIN monay.tenants t ON t.id = tu.tenant_id
        WHERE tu.user_id = v_user AND tu.status = 'active' AND t.status = 'active'
        ORDER BY t.name, t.tenant_code;
    PERFORM monay_private.set_context(v_tenant, v_user, false);
END;
$$;

COMMENT ON FUNCTION monay.list_user_tenants() IS
    'Tenant selector: the authenticated user''s active tenants with role and is_current (MT206 without a user).';
REVOKE ALL ON FUNCTION monay.list_user_tenants() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.list_user_tenants() TO monay_app, monay_readonly;
