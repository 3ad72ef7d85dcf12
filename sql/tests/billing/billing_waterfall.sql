-- monay_private.billing_waterfall: allocates the tenant's credit to its unpaid bills, oldest
-- first, from the oldest payment; marks the bills it completes paid with that payment's coin.
-- Internal (only monay_owner may execute it): called as monay_owner (tests.act_as_definer) in the
-- platform context; payments are inserted raw as superuser so that nothing else allocates them.
BEGIN;
SELECT plan(11);

SELECT tests.billing_tenant('w', 'small_business');
SELECT tests.make_tenant('a');
SELECT tests.billing_finalize('w', '2025-01-01');
SELECT tests.billing_finalize('w', '2025-02-01');

CREATE FUNCTION pg_temp.pay(p_cents bigint, p_coin text) RETURNS void LANGUAGE sql AS $$
    INSERT INTO monay.payments (tenant_id, amount_cents, payment_method, discount_cents, final_amount_cents,
                                token_decimals, token_amount)
    VALUES (tests.id('w'), p_cents, p_coin, 0, p_cents, 6, p_cents * 10000)
$$;

SELECT has_function('monay_private', 'billing_waterfall', ARRAY['uuid'], 'billing_waterfall(uuid) exists');
SELECT is_definer('monay_private', 'billing_waterfall', ARRAY['uuid'], 'billing_waterfall is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_waterfall(uuid)', 'EXECUTE'),
          'monay_app cannot execute billing_waterfall');

SELECT tests.as_superuser();
SELECT pg_temp.pay(6000, 'USDC');

-- In another tenant's context it sees neither w's bills nor its payments: it does nothing.
SELECT tests.act_as('a');
SELECT tests.act_as_definer();
SELECT is(monay_private.billing_waterfall(tests.id('w')),
          jsonb_build_object('tenant_id', tests.id('w'), 'allocations', '[]'::jsonb, 'bills_paid', '[]'::jsonb, 'credit_cents', 0),
          'in tenant a''s context, w''s waterfall allocates nothing and sees no credit');

SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
CREATE TEMP TABLE w1 AS SELECT monay_private.billing_waterfall(tests.id('w')) AS v;
SELECT is((SELECT jsonb_agg(a - 'payment_id') FROM w1, jsonb_array_elements(v -> 'allocations') a),
          '[{"period": "2025-01-01", "amount_cents": 4900}, {"period": "2025-02-01", "amount_cents": 1100}]'::jsonb,
          '6000 pays January (4900), then 1100 of February');
SELECT is((SELECT (v -> 'bills_paid') || (v -> 'credit_cents') FROM w1), '["2025-01-01", 0]'::jsonb,
          'January is paid, no credit left');
SELECT is((SELECT array_agg((status, payment_method)::text ORDER BY period) FROM monay.billing_metrics WHERE tenant_id = tests.id('w')),
          ARRAY['(paid,USDC)', '(finalized,USDXM)'], 'January paid in USDC; February still finalized');

SELECT tests.as_superuser();
SELECT pg_temp.pay(5000, 'USDT');
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
CREATE TEMP TABLE w2 AS SELECT monay_private.billing_waterfall(tests.id('w')) AS v;
SELECT is((SELECT (v -> 'bills_paid') || (v -> 'credit_cents') FROM w2), '["2025-02-01", 1200]'::jsonb,
          'a second payment completes February (3800) and leaves 1200 of credit');
SELECT is((SELECT payment_method FROM monay.billing_metrics WHERE tenant_id = tests.id('w') AND period = '2025-02-01'),
          'USDT', 'the bill takes the coin of the payment that completed it');
SELECT is(monay_private.billing_waterfall(tests.id('w')) -> 'allocations', '[]'::jsonb, 'running it again allocates nothing');
SELECT is((SELECT sum(amount_cents) FROM monay.payment_allocations WHERE tenant_id = tests.id('w')), 9800::numeric,
          'allocations add up to the two bills, never more');

SELECT * FROM finish();
ROLLBACK;
