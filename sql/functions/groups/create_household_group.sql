-- sql/functions/groups/create_household_group.sql
CREATE OR REPLACE FUNCTION monay.create_household_group(
    p_name               text
    , p_config           jsonb DEFAULT '{}'::jsonb
    , p_tenant_id        uuid DEFAULT NULL
    , p_head_user_id     uuid DEFAULT NULL
    , p_idempotency_key  text DEFAULT NULL
)
    RETURNS monay.groups
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Creates a household owned by tenant p_tenant_id (default: the context's
   tenant) with p_head_user_id (default: the authenticated user) as its
   first member, role 'head'. Config (validated, defaults filled):
   allowance_period, default_allowance_cents, consolidated_billing. A
   household has no parent and no children. Idempotent with p_idempotency_key.
   Who: an owner or admin of that tenant, authenticated in it; the platform
   (which names the tenant and the head).
   Raises:
     42501 not a manager of the tenant (another tenant, no or a forged context)
     22023 no tenant or head given where needed, a blank name, a bad key
     MG003 invalid configuration (unknown key, wrong type)
     MG008 the head is not an active user
     MG019 idempotency key reused with other parameters */
DECLARE
    v_tenant uuid := coalesce(p_tenant_id, monay.current_tenant_id());
    v_head   uuid := coalesce(p_head_user_id, monay.current_user_id());
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'create_household_group: no tenant given and no tenant context' USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.require_tenant_manager(v_tenant, 'create_household_group');
    IF v_head IS NULL THEN
        RAISE EXCEPTION 'create_household_group: no head user given and no authenticated user' USING ERRCODE = '22023';
    END IF;
    IF monay_private.user_status(v_head) IS DISTINCT FROM 'active' THEN
        RAISE EXCEPTION 'create_household_group: head user % does not exist or is disabled', v_head
            USING ERRCODE = 'MG008';
    END IF;
    RETURN monay_private.group_create('household', v_tenant, p_name, p_config, NULL, p_idempotency_key,
                                      v_head, monay_private.group_personal_tenant(v_head), 'head',
                                      'create_household_group');
END;
$$;

COMMENT ON FUNCTION monay.create_household_group(text, jsonb, uuid, uuid, text) IS
    'A household owned by a tenant, its head as first member; config validated; idempotent with a key.';
REVOKE ALL ON FUNCTION monay.create_household_group(text, jsonb, uuid, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.create_household_group(text, jsonb, uuid, uuid, text) TO monay_app, monay_platform;
