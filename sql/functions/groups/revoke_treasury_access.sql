-- sql/functions/groups/revoke_treasury_access.sql
CREATE OR REPLACE FUNCTION monay.revoke_treasury_access(
    p_grant_id uuid
)
    RETURNS monay.treasury_access_grants
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Revokes grant p_grant_id at once (revoked_at = now()): from the next
   statement on it opens nothing. Revoking a revoked grant changes nothing
   (idempotent; the first revocation time stays).
   Who: a manager of the grant's group (owner/admin of the granting tenant)
   or the platform.
   Raises 22023 (NULL), MG014 (no such grant, or not the caller's to see),
   42501 (the grantee or anyone else but the group's manager). */
DECLARE
    v_row   monay.treasury_access_grants;
BEGIN
    PERFORM monay_private.require_not_null(p_grant_id, 'p_grant_id', 'revoke_treasury_access');
    SELECT * INTO v_row FROM monay.treasury_access_grants t WHERE t.id = p_grant_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'revoke_treasury_access: grant % does not exist or is not visible to tenant %', p_grant_id,
            coalesce(monay.current_tenant_id()::text, 'none') USING ERRCODE = 'MG014';
    END IF;
    PERFORM monay_private.require_tenant_manager(v_row.tenant_id, format('revoke_treasury_access(%s)', p_grant_id));
    SELECT * INTO v_row FROM monay.treasury_access_grants t
    WHERE t.tenant_id = v_row.tenant_id AND t.id = p_grant_id FOR UPDATE;
    IF v_row.revoked_at IS NOT NULL THEN
        RETURN v_row;
    END IF;
    UPDATE monay.treasury_access_grants t SET revoked_at = now(), updated_at = now()
    WHERE t.tenant_id = v_row.tenant_id AND t.id = p_grant_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.revoke_treasury_access(uuid) IS
    'Revokes a treasury grant now (idempotent); the granting tenant''s managers or the platform.';
REVOKE ALL ON FUNCTION monay.revoke_treasury_access(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.revoke_treasury_access(uuid) TO monay_app, monay_platform;
