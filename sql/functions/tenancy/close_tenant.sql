-- sql/functions/tenancy/close_tenant.sql
CREATE OR REPLACE FUNCTION monay.close_tenant(
    p_tenant_id uuid
)
    RETURNS monay.tenants
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* DELETE /api/tenants/:id: an owner authenticated in the tenant (admins may
   not) closes it, exactly as the platform's cleanup_tenant_data does (status
   'closed', final; memberships removed; data purged after
   TENANT_DATA_RETENTION), with status_reason 'close_tenant'. The platform may
   call it too. Idempotent: a closed tenant is returned unchanged.
   Raises:
     22023 p_tenant_id NULL
     42501 not an owner of that tenant (authenticated in it) nor the platform
     MT301 the tenant does not exist
     MT102 TENANT_DATA_RETENTION is not a valid interval */
DECLARE
    v_who text;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'close_tenant');
    v_who := monay_private.require_tenant_manager(p_tenant_id, 'close_tenant');
    IF v_who = 'admin' THEN
        RAISE EXCEPTION 'close_tenant(%) is refused: only an owner (or the platform) closes a tenant, user % is an admin',
            p_tenant_id, monay.current_user_id() USING ERRCODE = '42501';
    END IF;
    RETURN monay_private.close_tenant_now(p_tenant_id, 'close_tenant');
END;
$$;

COMMENT ON FUNCTION monay.close_tenant(uuid) IS
    'DELETE /api/tenants/:id: an owner (or the platform) closes the tenant, as cleanup_tenant_data does.';
REVOKE ALL ON FUNCTION monay.close_tenant(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.close_tenant(uuid) TO monay_app, monay_platform;
