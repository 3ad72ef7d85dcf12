-- sql/functions/groups/create_holding_company.sql
CREATE OR REPLACE FUNCTION monay.create_holding_company(
    p_name               text
    , p_config           jsonb DEFAULT '{}'::jsonb
    , p_tenant_id        uuid DEFAULT NULL
    , p_parent_group_id  uuid DEFAULT NULL
    , p_idempotency_key  text DEFAULT NULL
)
    RETURNS monay.groups
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Creates a holding company owned by tenant p_tenant_id (default: the
   context's tenant), the owner itself its first member (role 'parent').
   Config: consolidated_billing, include_affiliates. Under p_parent_group_id
   when given: a holding the owner owns or is a member tenant of; the depth
   (GROUP_HIERARCHY_DEPTH) is checked with the parent's tree locked.
   Idempotent with p_idempotency_key.
   Who: an owner or admin of that tenant, authenticated in it; the platform.
   Raises:
     42501 not a manager of the tenant
     22023 no tenant, a blank name, a bad key
     MG001 the parent does not exist or is not visible
     MG003 invalid configuration
     MG004 the parent is already at GROUP_HIERARCHY_DEPTH
     MG008 the owner tenant is not active
     MG011 the parent is not a holding, or the owner neither owns nor belongs to it
     MG019 idempotency key reused with other parameters */
DECLARE
    v_tenant uuid := coalesce(p_tenant_id, monay.current_tenant_id());
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'create_holding_company: no tenant given and no tenant context' USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.require_tenant_manager(v_tenant, 'create_holding_company');
    IF monay_private.group_tenant_status(v_tenant) IS DISTINCT FROM 'active' THEN
        RAISE EXCEPTION 'create_holding_company: tenant % does not exist or is not active', v_tenant
            USING ERRCODE = 'MG008';
    END IF;
    RETURN monay_private.group_create('holding_company', v_tenant, p_name, p_config, p_parent_group_id,
                                      p_idempotency_key, NULL, v_tenant, 'parent', 'create_holding_company');
END;
$$;

COMMENT ON FUNCTION monay.create_holding_company(text, jsonb, uuid, uuid, text) IS
    'A holding company owned by a tenant (its parent member), optionally under a parent holding; idempotent.';
REVOKE ALL ON FUNCTION monay.create_holding_company(text, jsonb, uuid, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.create_holding_company(text, jsonb, uuid, uuid, text) TO monay_app, monay_platform;
