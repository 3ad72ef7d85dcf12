-- sql/functions/groups/group_personal_tenant.sql
CREATE OR REPLACE FUNCTION monay_private.group_personal_tenant(
    p_user_id uuid
)
    RETURNS uuid
    LANGUAGE plpgsql VOLATILE
AS $$
/* The personal tenant of user p_user_id, or NULL: the oldest active tenant
   of type 'individual' whose only active owner is that user. A household
   member's line on the consolidated bill is this tenant's bill, and the
   default household of the legacy data is owned by its head's personal
   tenant. Reads the user's memberships under the user's own context and
   each candidate's owners under the candidate's, then restores the caller's
   context. SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_prev      jsonb;
    v_candidate uuid;
    v_found     uuid;
    v_owners    bigint;
BEGIN
    IF p_user_id IS NULL THEN
        RETURN NULL;
    END IF;
    v_prev := monay_private.group_context_switch(NULL, p_user_id, false);
    FOR v_candidate IN
        SELECT t.id FROM monay.tenant_users tu JOIN monay.tenants t ON t.id = tu.tenant_id
        WHERE tu.user_id = p_user_id AND tu.status = 'active' AND tu.role = 'owner'
          AND t.tenant_type = 'individual' AND t.status = 'active'
        ORDER BY t.created_at, t.id
    LOOP
        PERFORM monay_private.group_context_switch(v_candidate, NULL, false);
        SELECT count(*) INTO v_owners FROM monay.tenant_users tu
        WHERE tu.tenant_id = v_candidate AND tu.status = 'active' AND tu.role = 'owner';
        IF v_owners = 1 THEN
            v_found := v_candidate;
            EXIT;
        END IF;
    END LOOP;
    PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                               (v_prev ->> 'platform')::boolean);
    RETURN v_found;
END;
$$;

COMMENT ON FUNCTION monay_private.group_personal_tenant(uuid) IS
    'A user''s personal tenant (oldest active individual tenant they alone own), or NULL.';
REVOKE ALL ON FUNCTION monay_private.group_personal_tenant(uuid) FROM PUBLIC;
