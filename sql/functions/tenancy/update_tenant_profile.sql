-- sql/functions/tenancy/update_tenant_profile.sql
CREATE OR REPLACE FUNCTION monay.update_tenant_profile(
    p_tenant_id     uuid
    , p_name        text DEFAULT NULL
    , p_tenant_type text DEFAULT NULL
)
    RETURNS monay.tenants
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* PUT /api/tenants/:id: an owner or admin authenticated in the tenant, or the
   platform, changes its name and/or type (NULL keeps a field). The tier and
   margin change only through monay.upgrade_tenant_tier (platform, billed).
   Audited by trigger. Raises:
     22023 p_tenant_id NULL; nothing to change; a name blank or over 200
           characters; an unknown tenant type (each names the value)
     42501 not an owner/admin of that tenant nor the platform
     MT301 the tenant does not exist
     MT304 the tenant is closed */
DECLARE
    v_row monay.tenants;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'update_tenant_profile');
    PERFORM monay_private.require_tenant_manager(p_tenant_id, 'update_tenant_profile');
    IF p_name IS NULL AND p_tenant_type IS NULL THEN
        RAISE EXCEPTION 'update_tenant_profile(%): nothing to change (p_name and p_tenant_type are NULL)', p_tenant_id
            USING ERRCODE = '22023';
    END IF;
    IF p_name IS NOT NULL AND NOT (length(btrim(p_name)) BETWEEN 1 AND 200) THEN
        RAISE EXCEPTION 'update_tenant_profile: p_name must be 1 to 200 characters, got %', length(btrim(p_name))
            USING ERRCODE = '22023';
    END IF;
    IF p_tenant_type IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM monay.tenant_types tt WHERE tt.tenant_type = p_tenant_type) THEN
        RAISE EXCEPTION 'update_tenant_profile: unknown tenant type %, allowed: %', quote_literal(left(p_tenant_type, 100)),
            monay_private.allowed_values('monay.tenant_types', 'tenant_type') USING ERRCODE = '22023';
    END IF;
    v_row := monay_private.lock_tenant(p_tenant_id);
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_row.status, 'MT304', 'its profile cannot change');
    UPDATE monay.tenants t
    SET name = coalesce(btrim(p_name), t.name), tenant_type = coalesce(p_tenant_type, t.tenant_type),
        updated_at = now()
    WHERE t.id = p_tenant_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.update_tenant_profile(uuid, text, text) IS
    'PUT /api/tenants/:id: owner/admin or platform changes name and/or type (22023, 42501, MT301, MT304).';
REVOKE ALL ON FUNCTION monay.update_tenant_profile(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.update_tenant_profile(uuid, text, text) TO monay_app, monay_platform;
