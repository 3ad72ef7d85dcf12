-- sql/functions/groups/group_tenant_status.sql
CREATE OR REPLACE FUNCTION monay_private.group_tenant_status(
    p_tenant_id uuid
)
    RETURNS text
    LANGUAGE plpgsql VOLATILE
AS $$
/* The status of tenant p_tenant_id ('active', 'suspended', 'closed'), or NULL
   when there is no such tenant. RLS shows a holding's owner only its own
   tenant, yet adding a subsidiary needs to know that it exists: this reads
   the one row under that tenant's own context (as monay_private.user_status
   does for users), then restores the caller's. It reveals only the status.
   SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_prev   jsonb;
    v_status text;
BEGIN
    IF p_tenant_id IS NULL THEN
        RETURN NULL;
    END IF;
    v_prev := monay_private.group_context_switch(p_tenant_id, NULL, false);
    SELECT t.status INTO v_status FROM monay.tenants t WHERE t.id = p_tenant_id;
    PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                               (v_prev ->> 'platform')::boolean);
    RETURN v_status;
END;
$$;

COMMENT ON FUNCTION monay_private.group_tenant_status(uuid) IS
    'Status of one tenant (NULL if unknown), read under its own context; restores the caller''s.';
REVOKE ALL ON FUNCTION monay_private.group_tenant_status(uuid) FROM PUBLIC;
