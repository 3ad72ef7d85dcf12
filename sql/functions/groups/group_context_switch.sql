-- sql/functions/groups/group_context_switch.sql
CREATE OR REPLACE FUNCTION monay_private.group_context_switch(
    p_tenant_id   uuid
    , p_user_id   uuid
    , p_platform  boolean
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE
AS $$
/* Signs the context (p_tenant_id, p_user_id, p_platform) and returns the
   caller's previous verified context as {tenant_id, user_id, platform}, to be
   given back to this function to restore it. The group functions use it, the
   way monay_private.user_status does, to read one member tenant's bill or
   status under that tenant's own context (what RLS shows that tenant), after
   they have checked that their caller may see it (the group's manager or the
   platform). SECURITY INVOKER, executable by monay_owner only. */
DECLARE
    v_ctx record;
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    PERFORM monay_private.set_context(p_tenant_id, p_user_id, coalesce(p_platform, false));
    RETURN jsonb_build_object('tenant_id', v_ctx.tenant_id, 'user_id', v_ctx.user_id,
                              'platform', coalesce(v_ctx.platform, false));
END;
$$;

COMMENT ON FUNCTION monay_private.group_context_switch(uuid, uuid, boolean) IS
    'Signs another context and returns the previous one (to restore it with the same function).';
REVOKE ALL ON FUNCTION monay_private.group_context_switch(uuid, uuid, boolean) FROM PUBLIC;
