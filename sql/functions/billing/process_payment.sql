-- sql/functions/billing/process_payment.sql
CREATE OR REPLACE FUNCTION monay.process_payment(
    p_tenant_id          uuid
    , p_amount_cents     bigint
    , p_payment_method   text
    , p_idempotency_key  text DEFAULT NULL
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Records a stablecoin payment that settles p_amount_cents (USD cents of
   bills) and allocates it by monay.process_payment_waterfall (oldest unpaid
   bill first; the rest becomes credit for the next bill). The coin's
   discount is applied to what the payer transfers, per bill (so that a bill
   paid in several USDXM payments costs exactly its USDXM total): for each
   part x of a bill that this payment settles, where s of the bill was
   settled before (by any payment or credit),
     floor((s + x) * discount_percent / 100) - floor(s * discount_percent / 100)
   and for the part r left as credit, floor(r * discount_percent / 100);
     discount_applied = the sum of these, final_amount = p_amount_cents - it.
   The parts are those the waterfall then allocates (computed under its lock).
   USDXM (10%): (tenant, 10000, 'USDXM') -> discount_applied 1000,
   final_amount 9000; USDC and USDT: no discount. final_amount_base_units is
   final_amount in the token's base units (cents * 10^(decimals - 2)).
   Returns {payment_id, tenant_id, amount_cents, payment_method,
   discount_applied, final_amount, token_decimals, final_amount_base_units,
   allocations, bills_paid, credit_cents, duplicate}.
   Idempotency (monay_private.idempotency_claim): with p_idempotency_key the
   first call records and stores its response; a repeat (also concurrent)
   records nothing and returns it with duplicate = true; the same key with
   another amount or method: MT406.
   Suspended and closed tenants may pay (what they owe).
   Raises (nothing is recorded):
     42501 the context may not act on p_tenant_id
     22023 NULL tenant, amount NULL or < 1, key longer than 200
     MT417 amount above 10^12 cents, or the tenant's payments would sum above
           10^15 cents (what the waterfall's sums can hold)
     MT405 payment method not accepted: fiat (USD, ...) or a stablecoin that
           is not enabled in monay.stablecoin_payment_config
     MT301 no such tenant     MT406 idempotency key reused differently */
DECLARE
    v_coin     monay.stablecoin_payment_config;
    v_claim    record;
    v_discount bigint;
    v_final    bigint;
    v_base     numeric;
    v_id       bigint;
    v_wf       jsonb;
    v_resp     jsonb;
    v_credit   bigint;
    c_waterfall constant integer := 1296253207;  -- 'MBPW': the waterfall lock (billing_waterfall)
    c_max_payment constant bigint := 1000000000000;      -- 10^12 cents per payment
    c_max_total   constant bigint := 1000000000000000;   -- 10^15 cents per tenant
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'process_payment');
    IF p_amount_cents IS NULL OR p_amount_cents < 1 THEN
        RAISE EXCEPTION 'process_payment: amount must be at least 1 cent, got % (tenant %)',
            coalesce(p_amount_cents::text, 'NULL'), p_tenant_id USING ERRCODE = '22023';
    END IF;
    IF p_amount_cents > c_max_payment THEN
        RAISE EXCEPTION 'process_payment: amount % cents is above the largest payment, % cents (tenant %)',
            p_amount_cents, c_max_payment, p_tenant_id USING ERRCODE = 'MT417';
    END IF;
    IF length(p_idempotency_key) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'process_payment: idempotency key must have 1 to 200 characters (tenant %)', p_tenant_id
            USING ERRCODE = '22023';
    END IF;
    SELECT * INTO v_coin FROM monay.stablecoin_payment_config s WHERE s.symbol = p_payment_method AND s.enabled;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'payment method % is not accepted for tenant %: pay with an enabled stablecoin (%)',
            coalesce(quote_literal(p_payment_method), 'NULL'), p_tenant_id,
            (SELECT string_agg(s.symbol, ', ' ORDER BY s.symbol) FROM monay.stablecoin_payment_config s WHERE s.enabled)
            USING ERRCODE = 'MT405',
                  HINT = 'Only stablecoins are accepted (monay.stablecoin_payment_config); fiat is refused.';
    END IF;
    PERFORM monay_private.require_tenant_found(p_tenant_id,
        EXISTS (SELECT 1 FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id));

    IF p_idempotency_key IS NOT NULL THEN
        v_claim := monay_private.idempotency_claim('payment', p_tenant_id, p_idempotency_key,
                                                   p_amount_cents || '|' || p_payment_method, 'MT406');
        IF NOT v_claim.claimed THEN
            RETURN v_claim.prior_response || '{"duplicate": true}'::jsonb;
        END IF;
    END IF;

    -- The waterfall's lock now: the discount depends on what it will allocate.
    PERFORM pg_advisory_xact_lock(c_waterfall, hashtext(p_tenant_id::text || ':all'));
    SELECT coalesce(sum(p.amount_cents), 0) INTO v_credit FROM monay.payments p WHERE p.tenant_id = p_tenant_id;
    IF v_credit + p_amount_cents > c_max_total THEN
        RAISE EXCEPTION 'process_payment: tenant % would have paid % cents in all, above % cents',
            p_tenant_id, v_credit + p_amount_cents, c_max_total USING ERRCODE = 'MT417';
    END IF;
    v_discount := monay_private.billing_payment_discount(p_tenant_id, p_amount_cents, v_coin.discount_percent);
    v_final := p_amount_cents - v_discount;
    v_base := v_final::numeric * (10::numeric ^ (v_coin.decimals - 2));
    INSERT INTO monay.payments (tenant_id, amount_cents, payment_method, discount_cents, final_amount_cents,
        token_decimals, token_amount, idempotency_key, created_by)
    VALUES (p_tenant_id, p_amount_cents, p_payment_method, v_discount, v_final, v_coin.decimals,
        trunc(v_base), p_idempotency_key, monay.current_user_id())
    RETURNING id INTO v_id;
    v_wf := monay_private.billing_waterfall(p_tenant_id);
    v_resp := jsonb_build_object(
        'payment_id', v_id, 'tenant_id', p_tenant_id, 'amount_cents', p_amount_cents,
        'payment_method', p_payment_method, 'discount_applied', v_discount, 'final_amount', v_final,
        'token_decimals', v_coin.decimals, 'final_amount_base_units', trunc(v_base)::text,
        'allocations', v_wf -> 'allocations', 'bills_paid', v_wf -> 'bills_paid',
        'credit_cents', v_wf -> 'credit_cents', 'duplicate', false);
    IF p_idempotency_key IS NOT NULL THEN
        UPDATE monay_private.billing_idempotency_keys k SET response = v_resp
        WHERE k.tenant_id = p_tenant_id AND k.scope = 'payment' AND k.idempotency_key = p_idempotency_key;
    END IF;
    RETURN v_resp;
END;
$$;

COMMENT ON FUNCTION monay.process_payment(uuid, bigint, text, text) IS
    'Stablecoin payment (USDXM 10% off, USDC/USDT none; fiat refused), allocated by the waterfall; idempotent.';
REVOKE ALL ON FUNCTION monay.process_payment(uuid, bigint, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.process_payment(uuid, bigint, text, text) TO monay_app, monay_platform;
