-- sql/functions/tenancy/get_tenant.sql
CREATE OR REPLACE FUNCTION monay.get_tenant(
    p_tenant_id uuid
)
    RETURNS monay.tenants
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* GET /api/tenants/:id: one tenant's profile, for a user authenticated in that
   tenant (any role) or the platform (every tenant, or a job in that tenant).
   Raises:
     22023 p_tenant_id NULL
     42501 no context, or a context of another tenant (names both)
     MT301 the tenant does not exist (the platform's answer for an unknown id) */
DECLARE
    v_row monay.tenants;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'get_tenant');
    SELECT * INTO v_row FROM monay.tenants t WHERE t.id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.get_tenant(uuid) IS
    'GET /api/tenants/:id: the tenant of the caller''s context, or any for the platform (42501, MT301).';
REVOKE ALL ON FUNCTION monay.get_tenant(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.get_tenant(uuid) TO monay_app, monay_platform, monay_readonly;
