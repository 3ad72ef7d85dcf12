-- sql/functions/tenancy/accept_tenant_invitation.sql
CREATE OR REPLACE FUNCTION monay.accept_tenant_invitation(
    p_tenant_id uuid
)
    RETURNS monay.tenant_users
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The authenticated user accepts their invitation to tenant p_tenant_id
   (made by an owner or admin with monay.add_tenant_member): the membership
   becomes active, counts toward MAX_TENANTS_PER_USER from now (checked here,
   race-free, by the trigger monay_private.count_user_tenants) and opens the
   tenant to monay.switch_tenant and authenticate. Returns the membership.
   Idempotent: accepting an active membership returns it unchanged. To
   decline, do nothing (an invitation grants nothing), or ask the tenant to
   remove it. The caller's context is unchanged afterwards.
   Raises:
     22023 p_tenant_id NULL
     MT206 nobody is authenticated in this transaction
     MT309 no invitation of this user to that tenant (never invited, removed)
     MT304 the tenant is closed
     MT303 the user already belongs to MAX_TENANTS_PER_USER tenants */
DECLARE
    v_user   uuid := monay.current_user_id();
    v_tenant uuid := monay.current_tenant_id();
    v_status text;
    v_row    monay.tenant_users;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'accept_tenant_invitation');
    IF v_user IS NULL THEN
        RAISE EXCEPTION 'accept_tenant_invitation needs an authenticated user: call monay.authenticate(token) first'
            USING ERRCODE = 'MT206';
    END IF;
    -- The invited tenant's context for this user, to read and change that one row.
    PERFORM monay_private.set_context(p_tenant_id, v_user, false);
    SELECT t.status INTO v_status FROM monay.tenants t WHERE t.id = p_tenant_id FOR NO KEY UPDATE;
    SELECT * INTO v_row FROM monay.tenant_users tu
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = v_user FOR UPDATE;
    IF v_row.status IS DISTINCT FROM 'invited' AND v_row.status IS DISTINCT FROM 'active' THEN
        PERFORM monay_private.set_context(v_tenant, v_user, false);
        RAISE EXCEPTION 'user % has no invitation to tenant %', v_user, p_tenant_id USING ERRCODE = 'MT309';
    END IF;
    IF v_status = 'closed' THEN
        PERFORM monay_private.set_context(v_tenant, v_user, false);
    END IF;
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_status, 'MT304', 'its invitation cannot be accepted');
    IF v_row.status = 'invited' THEN
        UPDATE monay.tenant_users tu SET status = 'active', updated_at = now()
        WHERE tu.tenant_id = p_tenant_id AND tu.user_id = v_user
        RETURNING * INTO v_row;
    END IF;
    PERFORM monay_private.set_context(v_tenant, v_user, false);
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.accept_tenant_invitation(uuid) IS
    'The authenticated user accepts an invitation: the membership becomes active and counts (MT303, MT309).';
REVOKE ALL ON FUNCTION monay.accept_tenant_invitation(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.accept_tenant_invitation(uuid) TO monay_app;
