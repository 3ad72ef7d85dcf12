-- sql/functions/groups/treasury_grant_spend.sql
CREATE OR REPLACE FUNCTION monay_private.treasury_grant_spend(
    p_grant_id       uuid
    , p_amount_cents bigint
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Consumes p_amount_cents of grant p_grant_id's spend limit for its grantee
   (the verified context's user or tenant, or the platform), atomically: the
   grant row is locked (FOR UPDATE) before the checks, so concurrent spends
   through one grant queue on it and can never take more than the limit in
   total. The wallet's own spend function calls it in the same transaction as
   the transfer (wired with the tenant-scoped wallets), so a rolled-back
   transfer gives its cents back. Returns {grant_id, tenant_id, wallet_id,
   amount_cents, spent_cents, remaining_cents}.
   Raises (nothing consumed):
     22023 NULL grant, amount NULL or < 1
     MG014 no such grant visible to the context (none, forged, another's)
     42501 the context is not the grant's grantee (nor the platform)
     MG015 the grant is revoked or expired
     MG017 a read-only grant
     MG016 the amount exceeds what is left of the limit (names both) */
DECLARE
    v_ctx record;
    v_row monay.treasury_access_grants;
BEGIN
    IF p_grant_id IS NULL OR p_amount_cents IS NULL OR p_amount_cents < 1 THEN
        RAISE EXCEPTION 'treasury_grant_spend: a grant and an amount of at least 1 cent are needed, got %, %',
            coalesce(p_grant_id::text, 'NULL'), coalesce(p_amount_cents::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    SELECT * INTO v_row FROM monay.treasury_access_grants g WHERE g.id = p_grant_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'treasury_grant_spend: grant % does not exist or is not visible to this context', p_grant_id
            USING ERRCODE = 'MG014';
    END IF;
    IF NOT coalesce(v_ctx.platform OR v_row.grantee_user_id = v_ctx.user_id
                    OR v_row.grantee_tenant_id = v_ctx.tenant_id, false) THEN
        RAISE EXCEPTION 'treasury_grant_spend: grant % is not the context''s (user %, tenant %) to spend', p_grant_id,
            coalesce(v_ctx.user_id::text, 'none'), coalesce(v_ctx.tenant_id::text, 'none') USING ERRCODE = '42501';
    END IF;
    IF v_row.revoked_at IS NOT NULL OR v_row.expires_at <= now() THEN
        RAISE EXCEPTION 'treasury_grant_spend: grant % is %', p_grant_id,
            CASE WHEN v_row.revoked_at IS NOT NULL THEN format('revoked since %s', v_row.revoked_at)
                 ELSE format('expired since %s', v_row.expires_at) END USING ERRCODE = 'MG015';
    END IF;
    IF v_row.access <> 'spend' THEN
        RAISE EXCEPTION 'treasury_grant_spend: grant % is read-only', p_grant_id USING ERRCODE = 'MG017';
    END IF;
    IF v_row.spent_cents + p_amount_cents > v_row.spend_limit_cents THEN
        RAISE EXCEPTION 'treasury_grant_spend: % cents exceed what is left of grant % (limit %, spent %, left %)',
            p_amount_cents, p_grant_id, v_row.spend_limit_cents, v_row.spent_cents,
            v_row.spend_limit_cents - v_row.spent_cents USING ERRCODE = 'MG016';
    END IF;
    UPDATE monay.treasury_access_grants g SET spent_cents = g.spent_cents + p_amount_cents, updated_at = now()
    WHERE g.tenant_id = v_row.tenant_id AND g.id = p_grant_id
    RETURNING * INTO v_row;
    RETURN jsonb_build_object('grant_id', v_row.id, 'tenant_id', v_row.tenant_id, 'wallet_id', v_row.wallet_id,
        'amount_cents', p_amount_cents, 'spent_cents', v_row.spent_cents,
        'remaining_cents', v_row.spend_limit_cents - v_row.spent_cents);
END;
$$;

COMMENT ON FUNCTION monay_private.treasury_grant_spend(uuid, bigint) IS
    'Consumes a spend grant''s limit atomically (row lock): MG015 inactive, MG016 over the limit, MG017 read-only.';
REVOKE ALL ON FUNCTION monay_private.treasury_grant_spend(uuid, bigint) FROM PUBLIC;
