-- sql/functions/tenancy/reactivate_tenant.sql
CREATE OR REPLACE FUNCTION monay.reactivate_tenant(
    p_tenant_id uuid
)
    RETURNS monay.tenants
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Reactivates a suspended tenant (status 'active', status_reason cleared)
   and returns it; its members can authenticate again. An active tenant is
   returned unchanged (idempotent). Audited by trigger. Platform context only.
   Raises:
     42501 not the platform context
     22023 p_tenant_id NULL
     MT301 the tenant does not exist
     MT304 the tenant is closed (closing is final) */
DECLARE
    v_row monay.tenants;
BEGIN
    PERFORM monay_private.require_platform(format('reactivate_tenant(%s)', p_tenant_id));
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'reactivate_tenant');
    v_row := monay_private.lock_tenant(p_tenant_id);
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_row.status, 'MT304', 'it cannot be reactivated');
    IF v_row.status = 'active' THEN
        RETURN v_row;
    END IF;
    UPDATE monay.tenants t SET status = 'active', status_reason = NULL
    WHERE t.id = p_tenant_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.reactivate_tenant(uuid) IS
    'Platform only: reactivates a suspended tenant; idempotent; MT304 when closed.';
REVOKE ALL ON FUNCTION monay.reactivate_tenant(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.reactivate_tenant(uuid) TO monay_platform;
