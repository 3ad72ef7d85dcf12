-- sql/functions/tenancy/add_tenant_member.sql
CREATE OR REPLACE FUNCTION monay.add_tenant_member(
    p_tenant_id  uuid
    , p_user_id  uuid
    , p_role     text DEFAULT 'member'
)
    RETURNS monay.tenant_users
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Adds user p_user_id to tenant p_tenant_id with role p_role (owner, admin,
   member, viewer) and returns the membership. Consent: when an owner or
   admin adds someone who is not an active member (new, removed or already
   invited), the membership is an invitation (status 'invited'): it grants
   nothing and does not count toward MAX_TENANTS_PER_USER until the user
   accepts it (monay.accept_tenant_invitation); nobody can fill a
   stranger's limit. The platform's add is active at once (it administers
   tenants; the limit applies). Safe to retry:
     - an active member with the same role: nothing changes (no audit row);
     - an active member with another role: the role changes;
     - an invited user: the invitation's role changes (platform: activated);
     - a removed member: invited again with p_role (platform: re-activated).
   Who may call: the platform, or an owner/admin of p_tenant_id authenticated
   in it. Only owners (and the platform) may make someone an owner or change
   an owner's role. Each activation counts toward the user's
   MAX_TENANTS_PER_USER (trigger monay_private.count_user_tenants, race-free).
   The tenant row is locked (FOR NO KEY UPDATE) so that concurrent changes of
   a tenant's owners are serialised (see remove_tenant_member).
   Raises:
     42501 not the platform nor an owner/admin of that tenant (in its
           context); an admin naming or changing an owner
     22023 p_tenant_id or p_user_id NULL, unknown role
     MT301 the tenant does not exist (platform context)
     MT302 the user does not exist or is disabled
     MT303 the user already belongs to MAX_TENANTS_PER_USER tenants
     MT304 the tenant is closed
     MT305 the change would demote the tenant's last owner */
DECLARE
    v_caller text;
    v_status text;
    v_old    monay.tenant_users;
    v_row    monay.tenant_users;
    v_owners bigint;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'add_tenant_member');
    PERFORM monay_private.require_not_null(p_user_id, 'p_user_id', 'add_tenant_member');
    v_caller := monay_private.require_tenant_manager(p_tenant_id, 'add_tenant_member');
    IF p_role IS NULL OR NOT EXISTS (SELECT 1 FROM monay.tenant_roles r WHERE r.role = p_role) THEN
        RAISE EXCEPTION 'invalid role %: expected one of %',
            coalesce(quote_literal(p_role), 'NULL'), monay_private.allowed_values('monay.tenant_roles', 'role')
            USING ERRCODE = '22023';
    END IF;
    SELECT t.status INTO v_status FROM monay.tenants t WHERE t.id = p_tenant_id FOR NO KEY UPDATE;
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_status, 'MT304', 'its members cannot change');
    IF p_role = 'owner' AND v_caller = 'admin' THEN
        RAISE EXCEPTION 'an admin of tenant % cannot make user % an owner; only owners or the platform can',
            p_tenant_id, p_user_id USING ERRCODE = '42501';
    END IF;
    v_status := monay_private.user_status(p_user_id);
    IF v_status IS DISTINCT FROM 'active' THEN
        RAISE EXCEPTION 'user % %', p_user_id,
            CASE WHEN v_status IS NULL THEN 'does not exist' ELSE 'is ' || v_status END
            USING ERRCODE = 'MT302';
    END IF;

    SELECT * INTO v_old FROM monay.tenant_users tu
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = p_user_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO monay.tenant_users (tenant_id, user_id, role, status)
        VALUES (p_tenant_id, p_user_id, p_role, CASE WHEN v_caller = 'platform' THEN 'active' ELSE 'invited' END)
        RETURNING * INTO v_row;
        RETURN v_row;
    END IF;
    IF v_old.role = p_role AND (v_old.status = 'active' OR (v_old.status = 'invited' AND v_caller <> 'platform')) THEN
        RETURN v_old;
    END IF;
    IF v_old.status = 'active' AND v_old.role = 'owner' THEN
        IF v_caller = 'admin' THEN
            RAISE EXCEPTION 'an admin of tenant % cannot change the role of owner %', p_tenant_id, p_user_id
                USING ERRCODE = '42501';
        END IF;
        SELECT count(*) INTO v_owners FROM monay.tenant_users tu
        WHERE tu.tenant_id = p_tenant_id AND tu.role = 'owner' AND tu.status = 'active'
          AND tu.user_id <> p_user_id;
        IF v_owners = 0 THEN
            RAISE EXCEPTION 'user % is the last owner of tenant %: cannot make them %', p_user_id, p_tenant_id, p_role
                USING ERRCODE = 'MT305', HINT = 'Make another member an owner first.';
        END IF;
    END IF;
    UPDATE monay.tenant_users tu
    SET role = p_role, updated_at = now(),
        status = CASE WHEN v_old.status = 'active' OR v_caller = 'platform' THEN 'active' ELSE 'invited' END
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = p_user_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.add_tenant_member(uuid, uuid, text) IS
    'Invites (owners/admins) or adds (platform) a member, or changes an active member''s role.';
REVOKE ALL ON FUNCTION monay.add_tenant_member(uuid, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.add_tenant_member(uuid, uuid, text) TO monay_app, monay_platform;
