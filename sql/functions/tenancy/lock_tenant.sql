-- sql/functions/tenancy/lock_tenant.sql
CREATE OR REPLACE FUNCTION monay_private.lock_tenant(
    p_tenant_id uuid
)
    RETURNS monay.tenants
    LANGUAGE plpgsql VOLATILE
AS $$
/* The tenant's row, locked FOR NO KEY UPDATE for a status or tier change by
   a platform operation (suspend, reactivate, cleanup, upgrade). Raises MT301
   when it does not exist (or the caller's context cannot see it).
   SECURITY INVOKER, executable by monay_owner only: it runs inside the
   SECURITY DEFINER functions that call it, with their pinned search_path. */
DECLARE
    v_row monay.tenants;
BEGIN
    SELECT * INTO v_row FROM monay.tenants t WHERE t.id = p_tenant_id FOR NO KEY UPDATE;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay_private.lock_tenant(uuid) IS
    'Locks and returns a tenant row for a platform status/tier change (MT301 when missing).';
REVOKE ALL ON FUNCTION monay_private.lock_tenant(uuid) FROM PUBLIC;
