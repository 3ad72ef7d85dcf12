-- sql/functions/groups/spend_from_treasury.sql
CREATE OR REPLACE FUNCTION monay.spend_from_treasury(
    p_grant_id           uuid
    , p_amount_cents     bigint
    , p_idempotency_key  text
    , p_description      text DEFAULT NULL
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The grantee of a spend grant pays from the treasury wallet the grant opens to
   it (a child from the family wallet, a subsidiary from the holding's), in the
   caller's transaction: the grant's limit is consumed
   (monay_private.treasury_grant_spend, under the grant's row lock), the wallet
   is locked and debited (never below zero), one completed 'payment'
   transaction is written in the wallet's tenant (the group owner's: RLS shows
   it to the owner and, through the grant, to the grantee), and one 'payment'
   operation is tracked for billing in that tenant. Idempotent per grant with
   p_idempotency_key: a retry returns the first spend (duplicate = true) and
   consumes nothing; the same key with another amount is refused.
   Returns {transaction_id, grant_id, tenant_id, wallet_id, amount_cents,
   balance_cents, spent_cents, remaining_cents, duplicate}.
   Raises (nothing is spent):
     22023 NULL grant, amount NULL or < 1, key NULL, blank or over 200
           characters, description over 500 characters
     MG014 no such grant visible to this context
     42501 the context is not the grant's grantee (nor the platform)
     MG015 revoked or expired   MG017 read-only   MG016 over what is left
     MP004 the wallet is not active   MP002 its balance is below the amount
     MP006 the key was used for another spend of this grant
     MT402, MT403, MT404 the wallet tenant's limits (track_operation) */
DECLARE
    v_ctx    record;
    v_grant  monay.treasury_access_grants;
    v_prev   jsonb;
    v_key    text;
    v_prior  monay.transactions;
    v_wallet monay.wallets;
    v_spend  jsonb;
    v_id     uuid := gen_random_uuid();
BEGIN
    IF p_grant_id IS NULL OR p_amount_cents IS NULL OR p_amount_cents < 1 THEN
        RAISE EXCEPTION 'spend_from_treasury: a grant and an amount of at least 1 cent are needed, got %, %',
            coalesce(p_grant_id::text, 'NULL'), coalesce(p_amount_cents::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_idempotency_key IS NULL OR length(btrim(p_idempotency_key)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'spend_from_treasury: an idempotency key of 1 to 200 characters is required'
            USING ERRCODE = '22023';
    END IF;
    IF length(p_description) > 500 THEN
        RAISE EXCEPTION 'spend_from_treasury: description over 500 characters (%)', length(p_description)
            USING ERRCODE = '22023';
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    -- The grant, locked: spends and retries through one grant queue here.
    SELECT * INTO v_grant FROM monay.treasury_access_grants g WHERE g.id = p_grant_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'spend_from_treasury: grant % does not exist or is not visible to this context', p_grant_id
            USING ERRCODE = 'MG014';
    END IF;
    IF NOT coalesce(v_ctx.platform OR v_grant.grantee_user_id = v_ctx.user_id
                    OR v_grant.grantee_tenant_id = v_ctx.tenant_id, false) THEN
        RAISE EXCEPTION 'spend_from_treasury: grant % is not the context''s (user %, tenant %) to spend', p_grant_id,
            coalesce(v_ctx.user_id::text, 'none'), coalesce(v_ctx.tenant_id::text, 'none') USING ERRCODE = '42501';
    END IF;
    v_key := 'treasury:' || p_grant_id || ':' || p_idempotency_key;

    -- A retry: the first spend's row, in the wallet's tenant.
    v_prev := monay_private.group_context_switch(v_grant.tenant_id, v_ctx.user_id, false);
    SELECT * INTO v_prior FROM monay.transactions t
    WHERE t.tenant_id = v_grant.tenant_id AND t.idempotency_key = v_key;
    SELECT * INTO v_wallet FROM monay.wallets w WHERE w.tenant_id = v_grant.tenant_id AND w.id = v_grant.wallet_id;
    PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                               (v_prev ->> 'platform')::boolean);
    IF v_prior.id IS NOT NULL THEN
        IF v_prior.amount_cents IS DISTINCT FROM p_amount_cents THEN
            RAISE EXCEPTION 'spend_from_treasury: idempotency key % was used for spend % of % cents through grant %',
                quote_literal(p_idempotency_key), v_prior.id, v_prior.amount_cents, p_grant_id USING ERRCODE = 'MP006';
        END IF;
        RETURN jsonb_build_object('transaction_id', v_prior.id, 'grant_id', p_grant_id,
            'tenant_id', v_grant.tenant_id, 'wallet_id', v_grant.wallet_id, 'amount_cents', p_amount_cents,
            'balance_cents', v_wallet.balance_cents, 'spent_cents', v_grant.spent_cents,
            'remaining_cents', v_grant.spend_limit_cents - v_grant.spent_cents, 'duplicate', true);
    END IF;

    -- The grant's own checks (active, spend access, what is left), in the grantee's context.
    v_spend := monay_private.treasury_grant_spend(p_grant_id, p_amount_cents);

    -- The debit, in the wallet's tenant.
    v_prev := monay_private.group_context_switch(v_grant.tenant_id, v_ctx.user_id, false);
    SELECT * INTO v_wallet FROM monay.wallets w
    WHERE w.tenant_id = v_grant.tenant_id AND w.id = v_grant.wallet_id FOR UPDATE;
    IF v_wallet.status <> 'active' THEN
        RAISE EXCEPTION 'spend_from_treasury: wallet % is %', v_wallet.id, v_wallet.status USING ERRCODE = 'MP004';
    END IF;
    IF v_wallet.balance_cents < p_amount_cents THEN
        RAISE EXCEPTION 'spend_from_treasury: wallet % holds % cents, less than the % cents asked', v_wallet.id,
            v_wallet.balance_cents, p_amount_cents USING ERRCODE = 'MP002';
    END IF;
    PERFORM monay.track_operation(v_grant.tenant_id, 'payment', 1, v_key);
    UPDATE monay.wallets w SET balance_cents = w.balance_cents - p_amount_cents
    WHERE w.tenant_id = v_grant.tenant_id AND w.id = v_grant.wallet_id;
    INSERT INTO monay.transactions (id, tenant_id, wallet_id, kind, amount_cents, status, description, idempotency_key)
    VALUES (v_id, v_grant.tenant_id, v_grant.wallet_id, 'payment', p_amount_cents, 'completed',
            coalesce(p_description, 'treasury spend through grant ' || p_grant_id), v_key);
    PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                               (v_prev ->> 'platform')::boolean);
    RETURN jsonb_build_object('transaction_id', v_id, 'grant_id', p_grant_id, 'tenant_id', v_grant.tenant_id,
        'wallet_id', v_grant.wallet_id, 'amount_cents', p_amount_cents,
        'balance_cents', v_wallet.balance_cents - p_amount_cents,
        'spent_cents', (v_spend ->> 'spent_cents')::bigint, 'remaining_cents', (v_spend ->> 'remaining_cents')::bigint,
        'duplicate', false);
END;
$$;

COMMENT ON FUNCTION monay.spend_from_treasury(uuid, bigint, text, text) IS
    'A grantee pays from a treasury wallet through its spend grant: limit, balance, one payment, tracked; idempotent.';
REVOKE ALL ON FUNCTION monay.spend_from_treasury(uuid, bigint, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.spend_from_treasury(uuid, bigint, text, text) TO monay_app, monay_platform;
