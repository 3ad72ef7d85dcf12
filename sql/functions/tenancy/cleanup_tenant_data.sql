-- sql/functions/tenancy/cleanup_tenant_data.sql
CREATE OR REPLACE FUNCTION monay.cleanup_tenant_data(
    p_tenant_id uuid
)
    RETURNS monay.tenants
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Closes a tenant at once and schedules the deletion of its data; returns
   the tenant. In one transaction:
     - status 'closed' (final: reactivate_tenant refuses it, MT304),
       status_reason 'cleanup_tenant_data', purge_after = now() +
       TENANT_DATA_RETENTION (a setting, default 90 days);
     - every active membership becomes 'removed', which frees the members'
       MAX_TENANTS_PER_USER slots; from the next transaction no member can
       authenticate into or switch to it (MT204; MT205 for a closed tenant
       whose memberships are still active).
   The data itself stays until monay.purge_closed_tenants (a platform job)
   deletes it after purge_after. Calling it again on a closed tenant changes
   nothing and returns the tenant (idempotent; purge_after is not pushed
   back). Audited by trigger (tenant and each membership). Platform only.
   Raises:
     42501 not the platform context
     22023 p_tenant_id NULL
     MT301 the tenant does not exist
     MT102 TENANT_DATA_RETENTION is not a valid interval (a broken setting) */
BEGIN
    PERFORM monay_private.require_platform(format('cleanup_tenant_data(%s)', p_tenant_id));
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'cleanup_tenant_data');
    RETURN monay_private.close_tenant_now(p_tenant_id, 'cleanup_tenant_data');
END;
$$;

COMMENT ON FUNCTION monay.cleanup_tenant_data(uuid) IS
    'Platform only: closes a tenant now (members lose access), data purged after TENANT_DATA_RETENTION; idempotent.';
REVOKE ALL ON FUNCTION monay.cleanup_tenant_data(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.cleanup_tenant_data(uuid) TO monay_platform;
