-- sql/functions/vault/tenants_due_for_rotation.sql
CREATE OR REPLACE FUNCTION monay.tenants_due_for_rotation(
    p_limit integer DEFAULT 1000
)
    RETURNS TABLE (tenant_id uuid, account_index bigint, key_version bigint, rotated_at timestamptz,
                   due_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Vaults of tenants that are not closed whose last rotation is at least
   KEY_ROTATION_INTERVAL (a setting, 90 days) old, the longest overdue first,
   at most p_limit: the work list of the rotation job, which calls
   monay.rotate_tenant_keys(tenant_id, key_version) for each (idempotent).
   Platform context only.
   Raises:
     42501 not the platform context
     22023 p_limit NULL or below 1 */
DECLARE
    v_interval interval := (monay.get_setting('KEY_ROTATION_INTERVAL') #>> '{}')::interval;
BEGIN
    PERFORM monay_private.require_platform('tenants_due_for_rotation');
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'tenants_due_for_rotation: p_limit must be at least 1, got %', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    RETURN QUERY
    SELECT v.tenant_id, v.account_index, v.key_version, v.rotated_at, v.rotated_at + v_interval
    FROM monay.tenant_vaults v
    JOIN monay.tenants t ON t.id = v.tenant_id
    WHERE v.rotated_at <= now() - v_interval AND t.status <> 'closed'
    ORDER BY v.rotated_at, v.tenant_id
    LIMIT p_limit;
END;
$$;

COMMENT ON FUNCTION monay.tenants_due_for_rotation(integer) IS
    'Platform job: vaults whose keys are older than KEY_ROTATION_INTERVAL (not closed tenants), oldest first.';
REVOKE ALL ON FUNCTION monay.tenants_due_for_rotation(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.tenants_due_for_rotation(integer) TO monay_platform;
