-- sql/functions/tenancy/switch_tenant.sql
CREATE OR REPLACE FUNCTION monay.switch_tenant(
    p_tenant_id uuid
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Moves the authenticated user of this transaction to another of their
   tenants (context switching). Returns {user_id, tenant_id, tenant_code, role}.
   Refusals are recorded durably (audit action switch_refused):
     MT206 nobody is authenticated in this transaction (call authenticate first)
     MT204 the user is not an active member of p_tenant_id
     MT205 that tenant is suspended or closed
     MT209 TENANT_SWITCHING_ENABLED is false (the seed's quick disable switch)
     22023 p_tenant_id is NULL */
DECLARE
    v_user   uuid := monay.current_user_id();
    v_from   uuid := monay.current_tenant_id();
    v_role   text;
    v_status text;
    v_code   text;
    v_detail jsonb;
BEGIN
    v_detail := jsonb_build_object('from_tenant_id', v_from, 'to_tenant_id', p_tenant_id);
    IF p_tenant_id IS NULL THEN
        PERFORM monay_private.refuse_access('switch_refused', '22023',
            'switch_tenant: p_tenant_id must not be NULL', v_from, v_user, v_detail);
    END IF;
    IF (monay.get_setting('TENANT_SWITCHING_ENABLED') #>> '{}')::boolean IS DISTINCT FROM true THEN
        PERFORM monay_private.refuse_access('switch_refused', 'MT209',
            format('cannot switch to tenant %s: tenant switching is disabled (setting TENANT_SWITCHING_ENABLED)',
                   p_tenant_id), v_from, v_user, v_detail);
    END IF;
    IF v_user IS NULL THEN
        PERFORM monay_private.refuse_access('switch_refused', 'MT206',
            format('cannot switch to tenant %s: no authenticated user in this transaction', p_tenant_id),
            NULL, NULL, v_detail);
    END IF;
    -- Sign the target context now: RLS then shows this user's membership in
    -- p_tenant_id and that tenant, if any. A refusal below raises, which rolls
    -- the SET LOCAL back with the (sub)transaction.
    PERFORM monay_private.set_context(p_tenant_id, v_user, false);
    SELECT tu.role INTO v_role FROM monay.tenant_users tu
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = v_user AND tu.status = 'active';
    IF v_role IS NULL THEN
        PERFORM monay_private.refuse_access('switch_refused', 'MT204',
            format('user %s is not an active member of tenant %s', v_user, p_tenant_id),
            p_tenant_id, v_user, v_detail);
    END IF;
    SELECT t.status, t.tenant_code INTO v_status, v_code FROM monay.tenants t WHERE t.id = p_tenant_id;
    IF v_status IS DISTINCT FROM 'active' THEN
        PERFORM monay_private.refuse_access('switch_refused', 'MT205',
            format('tenant %s is %s', p_tenant_id, coalesce(v_status, 'unknown')),
            p_tenant_id, v_user, v_detail);
    END IF;
    RETURN jsonb_build_object('user_id', v_user, 'tenant_id', p_tenant_id, 'tenant_code', v_code,
                              'role', v_role);
END;
$$;

COMMENT ON FUNCTION monay.switch_tenant(uuid) IS
    'Switches the authenticated user to another of their active tenants (MT204, MT205, MT206, MT209).';
REVOKE ALL ON FUNCTION monay.switch_tenant(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.switch_tenant(uuid) TO monay_app, monay_readonly;
