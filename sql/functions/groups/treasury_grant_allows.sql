-- sql/functions/groups/treasury_grant_allows.sql
CREATE OR REPLACE FUNCTION monay_private.treasury_grant_allows(
    p_wallet_tenant  uuid
    , p_wallet_id    uuid
    , p_access       text
)
    RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* True when an active grant (revoked_at NULL, expires_at after now()) of
   tenant p_wallet_tenant opens exactly wallet p_wallet_id to exactly the
   verified context's user (grantee_user_id) or tenant (grantee_tenant_id),
   with access p_access: 'read' is given by read and spend grants, 'spend'
   by spend grants only (whether an amount fits is treasury_grant_spend's
   job). False without a verified context (none or forged). The wallet and
   transaction policies add the same rule (docs/groups.md, "Treasury grants").
   Raises 22023 for an access other than 'read' or 'spend'. */
DECLARE
    v_ctx record;
BEGIN
    IF p_access IS NULL OR p_access NOT IN ('read', 'spend') THEN
        RAISE EXCEPTION 'treasury_grant_allows: access must be read or spend, got %',
            coalesce(quote_literal(p_access), 'NULL') USING ERRCODE = '22023';
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF v_ctx.user_id IS NULL AND v_ctx.tenant_id IS NULL THEN
        RETURN false;
    END IF;
    RETURN EXISTS (
        SELECT 1 FROM monay.treasury_access_grants g
        WHERE g.tenant_id = p_wallet_tenant AND g.wallet_id = p_wallet_id
          AND g.revoked_at IS NULL AND g.expires_at > now()
          AND (p_access = 'read' OR g.access = 'spend')
          AND (g.grantee_user_id = v_ctx.user_id OR g.grantee_tenant_id = v_ctx.tenant_id));
END;
$$;

COMMENT ON FUNCTION monay_private.treasury_grant_allows(uuid, uuid, text) IS
    'True when an active grant opens exactly this wallet to exactly the context''s user or tenant.';
REVOKE ALL ON FUNCTION monay_private.treasury_grant_allows(uuid, uuid, text) FROM PUBLIC;
