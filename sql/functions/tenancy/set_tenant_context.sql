-- sql/functions/tenancy/set_tenant_context.sql
CREATE OR REPLACE FUNCTION monay.set_tenant_context(
    p_tenant_id uuid
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* For monay_platform jobs only: this transaction acts inside one tenant
   (any status, so that cleanup and billing jobs reach closed tenants), with
   no user. MT301 when the tenant does not exist, 22023 when NULL. */
DECLARE
    v_found boolean;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'set_tenant_context');
    -- Sign the tenant's context first: RLS then shows exactly that tenant's
    -- row if it exists. The raise below rolls the SET LOCAL back.
    PERFORM monay_private.set_context(p_tenant_id, NULL, false);
    SELECT true INTO v_found FROM monay.tenants t WHERE t.id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, v_found);
END;
$$;

COMMENT ON FUNCTION monay.set_tenant_context(uuid) IS
    'Platform jobs only: this transaction acts inside one tenant (MT301 if unknown).';
REVOKE ALL ON FUNCTION monay.set_tenant_context(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.set_tenant_context(uuid) TO monay_platform;
