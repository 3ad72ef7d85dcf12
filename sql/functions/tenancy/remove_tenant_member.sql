-- sql/functions/tenancy/remove_tenant_member.sql
CREATE OR REPLACE FUNCTION monay.remove_tenant_member(
    p_tenant_id  uuid
    , p_user_id  uuid
)
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Removes user p_user_id from tenant p_tenant_id (status 'removed'; the row
   and its audit trail stay, add_tenant_member re-activates it). Returns true
   when a membership was removed now, false when there was no active one (a
   retry: idempotent). An invitation (status 'invited') is withdrawn the same
   way (it never counted; an admin may withdraw an owner invitation). The slot is freed for MAX_TENANTS_PER_USER at once.
   Who may call: the platform; an owner/admin of p_tenant_id authenticated in
   it (an admin cannot remove an owner); any member removing themself (leaving
   the tenant, authenticated in it). The caller's own context stays valid
   until the end of the transaction even when they removed themself.
   The tenant row is locked (FOR NO KEY UPDATE) so that two owners removing
   each other at once cannot leave the tenant without an owner.
   Raises:
     42501 not allowed (see above)
     22023 p_tenant_id or p_user_id NULL
     MT301 the tenant does not exist (platform context)
     MT305 p_user_id is the tenant's last active owner */
DECLARE
    v_ctx    record;
    v_caller text;
    v_old    monay.tenant_users;
    v_owners bigint;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'remove_tenant_member');
    PERFORM monay_private.require_not_null(p_user_id, 'p_user_id', 'remove_tenant_member');
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF v_ctx.user_id = p_user_id AND v_ctx.tenant_id = p_tenant_id AND NOT coalesce(v_ctx.platform, false) THEN
        v_caller := 'self';
    ELSE
        v_caller := monay_private.require_tenant_manager(p_tenant_id, 'remove_tenant_member');
    END IF;
    PERFORM 1 FROM monay.tenants t WHERE t.id = p_tenant_id FOR NO KEY UPDATE;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    SELECT * INTO v_old FROM monay.tenant_users tu
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = p_user_id FOR UPDATE;
    IF NOT FOUND OR v_old.status NOT IN ('active', 'invited') THEN
        RETURN false;
    END IF;
    IF v_old.role = 'owner' AND v_old.status = 'active' THEN
        IF v_caller = 'admin' THEN
            RAISE EXCEPTION 'an admin of tenant % cannot remove owner %', p_tenant_id, p_user_id
                USING ERRCODE = '42501';
        END IF;
        SELECT count(*) INTO v_owners FROM monay.tenant_users tu
        WHERE tu.tenant_id = p_tenant_id AND tu.role = 'owner' AND tu.status = 'active'
          AND tu.user_id <> p_user_id;
        IF v_owners = 0 THEN
            RAISE EXCEPTION 'user % is the last owner of tenant %: cannot remove them', p_user_id, p_tenant_id
                USING ERRCODE = 'MT305', HINT = 'Make another member an owner first, or close the tenant.';
        END IF;
    END IF;
    UPDATE monay.tenant_users tu SET status = 'removed', updated_at = now()
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = p_user_id;
    RETURN true;
END;
$$;

COMMENT ON FUNCTION monay.remove_tenant_member(uuid, uuid) IS
    'Removes a member (owners/admins, the member themself, or the platform); MT305 for the last owner.';
REVOKE ALL ON FUNCTION monay.remove_tenant_member(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.remove_tenant_member(uuid, uuid) TO monay_app, monay_platform;
