-- sql/functions/platform/transfer.sql
CREATE OR REPLACE FUNCTION monay.transfer(
    p_from_wallet_id     uuid
    , p_to_wallet_id     uuid
    , p_amount_cents     bigint
    , p_idempotency_key  text
    , p_description      text DEFAULT NULL
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Moves p_amount_cents between two wallets of the current tenant, atomically:
   one 'transfer' row (completed; wallet_id = the sender, counterparty = the
   recipient, both in this tenant), the two balances, and one 'transfer'
   operation tracked for billing (monay.track_operation), all in the caller's
   transaction. Balances never go negative: both wallets are locked (in id
   order, so two opposite transfers cannot deadlock) before the balance is read.
   Idempotency (key required): a retry with the same key returns the first
   transfer with duplicate = true and moves nothing, also when it races the
   first (it waits on the wallet locks, then finds the committed row); the
   same key with another sender, recipient or amount is refused.
   Returns {transaction_id, tenant_id, from_wallet_id, to_wallet_id,
   amount_cents, from_balance_cents, to_balance_cents, duplicate}.
   Raises:
     42501 no tenant context
     22023 amount NULL or < 1, a wallet NULL, the same wallet twice, key NULL,
           blank or over 200 characters, description over 500 characters
     MP001 a wallet does not exist in this tenant (another tenant's wallet is
           "not found" too: its existence is not revealed)
     MP002 the sender's balance is below the amount (names balance and amount)
     MP004 a wallet is not active (frozen or closed)
     MP005 the wallets hold different currencies
     MP006 the idempotency key was used for another transfer
     MT402, MT403, MT404 the tenant's limits (track_operation) */
DECLARE
    v_ctx    record := monay_private.require_tenant_context('transfer');
    v_prior  monay.transactions;
    v_from   monay.wallets;
    v_to     monay.wallets;
    v_w      monay.wallets;
    v_id     uuid;
BEGIN
    IF p_from_wallet_id IS NULL OR p_to_wallet_id IS NULL OR p_from_wallet_id = p_to_wallet_id THEN
        RAISE EXCEPTION 'transfer: two different wallets are needed (from %, to %)',
            coalesce(p_from_wallet_id::text, 'NULL'), coalesce(p_to_wallet_id::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_amount_cents IS NULL OR p_amount_cents < 1 THEN
        RAISE EXCEPTION 'transfer: amount % must be a positive number of cents', coalesce(p_amount_cents::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    IF p_idempotency_key IS NULL OR length(btrim(p_idempotency_key)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'transfer: an idempotency key of 1 to 200 characters is required' USING ERRCODE = '22023';
    END IF;
    IF length(p_description) > 500 THEN
        RAISE EXCEPTION 'transfer: description over 500 characters (%)', length(p_description) USING ERRCODE = '22023';
    END IF;

    -- Both wallets, locked in id order.
    FOR v_w IN SELECT * FROM monay.wallets w
               WHERE w.tenant_id = v_ctx.tenant_id AND w.id IN (p_from_wallet_id, p_to_wallet_id)
               ORDER BY w.id FOR UPDATE LOOP
        IF v_w.id = p_from_wallet_id THEN v_from := v_w; ELSE v_to := v_w; END IF;
    END LOOP;

    -- A retry (looked up after the locks: a racing first call has committed by now).
    SELECT * INTO v_prior FROM monay.transactions t
    WHERE t.tenant_id = v_ctx.tenant_id AND t.idempotency_key = p_idempotency_key;
    IF v_prior.id IS NOT NULL THEN
        IF (v_prior.wallet_id, v_prior.counterparty_wallet_id, v_prior.amount_cents)
           IS DISTINCT FROM (p_from_wallet_id, p_to_wallet_id, p_amount_cents) THEN
            RAISE EXCEPTION 'transfer: idempotency key % was used for transfer % (% cents from % to %)',
                quote_literal(p_idempotency_key), v_prior.id, v_prior.amount_cents, v_prior.wallet_id,
                v_prior.counterparty_wallet_id USING ERRCODE = 'MP006', HINT = 'Use a new key for a new transfer.';
        END IF;
        RETURN jsonb_build_object('transaction_id', v_prior.id, 'tenant_id', v_ctx.tenant_id,
            'from_wallet_id', p_from_wallet_id, 'to_wallet_id', p_to_wallet_id, 'amount_cents', p_amount_cents,
            'from_balance_cents', v_from.balance_cents, 'to_balance_cents', v_to.balance_cents, 'duplicate', true);
    END IF;

    IF v_from.id IS NULL OR v_to.id IS NULL THEN
        RAISE EXCEPTION 'transfer: wallet % not found in tenant %',
            CASE WHEN v_from.id IS NULL THEN p_from_wallet_id ELSE p_to_wallet_id END, v_ctx.tenant_id
            USING ERRCODE = 'MP001';
    END IF;
    IF v_from.status <> 'active' OR v_to.status <> 'active' THEN
        RAISE EXCEPTION 'transfer: wallet % is %',
            CASE WHEN v_from.status <> 'active' THEN v_from.id ELSE v_to.id END,
            CASE WHEN v_from.status <> 'active' THEN v_from.status ELSE v_to.status END
            USING ERRCODE = 'MP004';
    END IF;
    IF v_from.currency <> v_to.currency THEN
        RAISE EXCEPTION 'transfer: wallet % holds % and wallet % holds %', v_from.id, v_from.currency,
            v_to.id, v_to.currency USING ERRCODE = 'MP005';
    END IF;
    IF v_from.balance_cents < p_amount_cents THEN
        RAISE EXCEPTION 'transfer: wallet % holds % cents, less than the % cents asked', v_from.id,
            v_from.balance_cents, p_amount_cents USING ERRCODE = 'MP002';
    END IF;

    PERFORM monay.track_operation(v_ctx.tenant_id, 'transfer', 1, 'transfer:' || p_idempotency_key);
    v_id := gen_random_uuid();
    UPDATE monay.wallets w SET balance_cents = w.balance_cents - p_amount_cents
    WHERE w.tenant_id = v_ctx.tenant_id AND w.id = p_from_wallet_id;
    UPDATE monay.wallets w SET balance_cents = w.balance_cents + p_amount_cents
    WHERE w.tenant_id = v_ctx.tenant_id AND w.id = p_to_wallet_id;
    INSERT INTO monay.transactions (id, tenant_id, wallet_id, counterparty_tenant_id, counterparty_wallet_id, kind,
        amount_cents, status, description, idempotency_key)
    VALUES (v_id, v_ctx.tenant_id, p_from_wallet_id, v_ctx.tenant_id, p_to_wallet_id, 'transfer', p_amount_cents,
            'completed', p_description, p_idempotency_key);
    RETURN jsonb_build_object('transaction_id', v_id, 'tenant_id', v_ctx.tenant_id,
        'from_wallet_id', p_from_wallet_id, 'to_wallet_id', p_to_wallet_id, 'amount_cents', p_amount_cents,
        'from_balance_cents', v_from.balance_cents - p_amount_cents,
        'to_balance_cents', v_to.balance_cents + p_amount_cents, 'duplicate', false);
END;
$$;

COMMENT ON FUNCTION monay.transfer(uuid, uuid, bigint, text, text) IS
    'Atomic, idempotent transfer between two wallets of the current tenant, tracked for billing.';
REVOKE ALL ON FUNCTION monay.transfer(uuid, uuid, bigint, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.transfer(uuid, uuid, bigint, text, text) TO monay_app, monay_platform;
