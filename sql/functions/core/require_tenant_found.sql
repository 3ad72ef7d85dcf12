-- sql/functions/core/require_tenant_found.sql
CREATE OR REPLACE FUNCTION monay_private.require_tenant_found(
    p_tenant_id uuid
    , p_found   boolean
)
    RETURNS void
    LANGUAGE plpgsql IMMUTABLE
AS $$
/* "The tenant exists": the one place MT301 is raised. The caller reads the
   tenant where it needs it (monay.tenants, locked or not, or
   monay_private.billing_tenant_state on the billing paths: RLS decides what
   it may see) and passes what it found:
     SELECT ... INTO v_x FROM monay.tenants t WHERE t.id = p_tenant_id;
     PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
   Raises MT301 'tenant <id> does not exist' unless p_found is true (NULL
   counts as not found: the tenant is unknown or not visible to the context).
   A status check goes through monay_private.require_tenant_status, which
   calls this one. Owner-only, SECURITY INVOKER, no SET clause (names no
   object). */
BEGIN
    IF p_found IS NOT TRUE THEN
        RAISE EXCEPTION 'tenant % does not exist', p_tenant_id USING ERRCODE = 'MT301';
    END IF;
END;
$$;

COMMENT ON FUNCTION monay_private.require_tenant_found(uuid, boolean) IS
    'Raises MT301 "tenant <id> does not exist" unless p_found is true.';
REVOKE ALL ON FUNCTION monay_private.require_tenant_found(uuid, boolean) FROM PUBLIC;
