-- sql/functions/tenancy/user_status.sql
CREATE OR REPLACE FUNCTION monay_private.user_status(
    p_user_id uuid
)
    RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The status of user p_user_id ('active', 'disabled'), or NULL when there is
   no such user. RLS shows a tenant admin only their own tenant's members, yet
   adding a member or naming an owner needs to know that the user exists: this
   reads the one row under a user-only context of that user (what the user
   would see of themself), then restores the caller's context exactly. It
   reveals nothing but the status. VOLATILE because it re-signs the context. */
DECLARE
    v_ctx    record;
    v_status text;
BEGIN
    IF p_user_id IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    PERFORM monay_private.set_context(NULL, p_user_id, false);
    SELECT u.status INTO v_status FROM monay.users u WHERE u.id = p_user_id;
    PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, coalesce(v_ctx.platform, false));
    RETURN v_status;
END;
$$;

COMMENT ON FUNCTION monay_private.user_status(uuid) IS
    'Status of one user (NULL if unknown), read under that user''s own context; restores the caller''s.';
REVOKE ALL ON FUNCTION monay_private.user_status(uuid) FROM PUBLIC;
