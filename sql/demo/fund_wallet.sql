-- sql/demo/fund_wallet.sql
CREATE OR REPLACE FUNCTION monay_demo.fund_wallet(
    p_tenant_id      uuid
    , p_wallet_id    uuid
    , p_amount_cents bigint
)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Demo only: money arrives in a wallet (a completed 'deposit' transaction and
   the balance), as an on-ramp would in production. Run by the demo's superuser
   connection. Returns the new balance. Raises 22023 on a NULL or non-positive
   amount or an unknown wallet. */
DECLARE
    v_balance bigint;
BEGIN
    IF p_amount_cents IS NULL OR p_amount_cents < 1 THEN
        RAISE EXCEPTION 'fund_wallet: amount % must be positive', coalesce(p_amount_cents::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    UPDATE monay.wallets w SET balance_cents = w.balance_cents + p_amount_cents
    WHERE w.tenant_id = p_tenant_id AND w.id = p_wallet_id
    RETURNING w.balance_cents INTO v_balance;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'fund_wallet: no wallet % in tenant %', p_wallet_id, p_tenant_id USING ERRCODE = '22023';
    END IF;
    INSERT INTO monay.transactions (tenant_id, wallet_id, kind, amount_cents, status, description)
    VALUES (p_tenant_id, p_wallet_id, 'deposit', p_amount_cents, 'completed', 'demo deposit');
    RETURN v_balance;
END;
$$;

COMMENT ON FUNCTION monay_demo.fund_wallet(uuid, uuid, bigint) IS
    'Demo only: a deposit into a wallet (transaction and balance).';
REVOKE ALL ON FUNCTION monay_demo.fund_wallet(uuid, uuid, bigint) FROM PUBLIC;
