-- sql/functions/tenancy/require_tenant_manager.sql
CREATE OR REPLACE FUNCTION monay_private.require_tenant_manager(
    p_tenant_id   uuid
    , p_operation text
)
    RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Who may manage the members of p_tenant_id in this transaction: returns
   'platform' for the platform context, 'owner' or 'admin' for an active
   owner/admin of p_tenant_id authenticated in that same tenant. Raises 42501
   otherwise (another tenant's context, a member or viewer, no user), naming
   the operation, the caller and the tenant. Whether the tenant exists is
   the caller's next check (for a user it is the tenant they are in). */
DECLARE
    v_ctx  record;
    v_role text;
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF coalesce(v_ctx.platform, false) THEN
        RETURN 'platform';
    END IF;
    IF v_ctx.user_id IS NOT NULL AND v_ctx.tenant_id = p_tenant_id THEN
        SELECT tu.role INTO v_role FROM monay.tenant_users tu
        WHERE tu.tenant_id = p_tenant_id AND tu.user_id = v_ctx.user_id AND tu.status = 'active';
        IF EXISTS (SELECT 1 FROM monay.tenant_roles r WHERE r.role = v_role AND r.manages) THEN
            RETURN v_role;
        END IF;
    END IF;
    RAISE EXCEPTION '% on tenant % is refused: role % (user %, tenant context %, tenant role %) is not an owner or admin of that tenant nor the platform',
        p_operation, p_tenant_id, coalesce(nullif(current_setting('role'), 'none'), session_user),
        coalesce(v_ctx.user_id::text, 'none'), coalesce(v_ctx.tenant_id::text, 'none'),
        coalesce(v_role, 'none')
        USING ERRCODE = '42501',
              HINT = 'Owners and admins manage their own tenant''s members, authenticated in that tenant.';
END;
$$;

COMMENT ON FUNCTION monay_private.require_tenant_manager(uuid, text) IS
    'Caller''s management right on a tenant (platform, owner, admin), else 42501.';
REVOKE ALL ON FUNCTION monay_private.require_tenant_manager(uuid, text) FROM PUBLIC;
