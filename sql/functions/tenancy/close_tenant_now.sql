-- sql/functions/tenancy/close_tenant_now.sql
CREATE OR REPLACE FUNCTION monay_private.close_tenant_now(
    p_tenant_id uuid
    , p_reason  text
)
    RETURNS monay.tenants
    LANGUAGE plpgsql VOLATILE
AS $$
/* The closing shared by cleanup_tenant_data (platform) and close_tenant (an
   owner), after their caller checks: locks the tenant; a closed one is returned
   unchanged (idempotent; purge_after is not pushed back); else status 'closed'
   with status_reason p_reason and purge_after = now() + TENANT_DATA_RETENTION,
   and every active membership 'removed' (freeing MAX_TENANTS_PER_USER slots).
   SECURITY INVOKER, executable by monay_owner only (it runs inside the SECURITY
   DEFINER callers, with their pinned search_path). Raises MT301 (no tenant),
   MT102 (TENANT_DATA_RETENTION not a non-negative interval). */
DECLARE
    v_row       monay.tenants;
    v_retention interval;
BEGIN
    v_row := monay_private.lock_tenant(p_tenant_id);
    IF v_row.status = 'closed' THEN
        RETURN v_row;
    END IF;
    BEGIN
        v_retention := (monay.get_setting('TENANT_DATA_RETENTION') #>> '{}')::interval;
    EXCEPTION WHEN invalid_datetime_format OR datetime_field_overflow THEN
        v_retention := NULL;
    END;
    IF v_retention IS NULL OR v_retention < interval '0' THEN
        RAISE EXCEPTION 'setting TENANT_DATA_RETENTION (%) is not a non-negative interval',
            monay.get_setting('TENANT_DATA_RETENTION') USING ERRCODE = 'MT102';
    END IF;
    UPDATE monay.tenants t
    SET status = 'closed', status_reason = p_reason, purge_after = now() + v_retention
    WHERE t.id = p_tenant_id
    RETURNING * INTO v_row;
    UPDATE monay.tenant_users tu SET status = 'removed', updated_at = now()
    WHERE tu.tenant_id = p_tenant_id AND tu.status = 'active';
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay_private.close_tenant_now(uuid, text) IS
    'Closes a tenant now (shared by cleanup_tenant_data and close_tenant); idempotent.';
REVOKE ALL ON FUNCTION monay_private.close_tenant_now(uuid, text) FROM PUBLIC;
