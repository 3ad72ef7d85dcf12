-- sql/functions/tenancy/suspend_tenant.sql
CREATE OR REPLACE FUNCTION monay.suspend_tenant(
    p_tenant_id  uuid
    , p_reason   text DEFAULT NULL
)
    RETURNS monay.tenants
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Suspends an active tenant (status 'suspended', status_reason p_reason) and
   returns it. From the next transaction on its members can neither
   authenticate into it nor switch to it (MT205); its data and memberships
   stay; monay.reactivate_tenant undoes it. Audited by trigger. Suspending a
   suspended tenant changes nothing (idempotent; the first reason stays).
   Platform context only.
   Raises:
     42501 not the platform context
     22023 p_tenant_id NULL
     MT301 the tenant does not exist
     MT304 the tenant is closed */
DECLARE
    v_row monay.tenants;
BEGIN
    PERFORM monay_private.require_platform(format('suspend_tenant(%s)', p_tenant_id));
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'suspend_tenant');
    v_row := monay_private.lock_tenant(p_tenant_id);
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_row.status, 'MT304', 'it cannot be suspended');
    IF v_row.status = 'suspended' THEN
        RETURN v_row;
    END IF;
    UPDATE monay.tenants t SET status = 'suspended', status_reason = nullif(btrim(p_reason), '')
    WHERE t.id = p_tenant_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.suspend_tenant(uuid, text) IS
    'Platform only: suspends a tenant (members are refused MT205); idempotent; MT304 when closed.';
REVOKE ALL ON FUNCTION monay.suspend_tenant(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.suspend_tenant(uuid, text) TO monay_platform;
