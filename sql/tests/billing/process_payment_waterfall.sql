-- monay.process_payment_waterfall: oldest unpaid bill first, leftover is credit for the next bill.
BEGIN;
SELECT plan(12);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('c', 'small_business');

SELECT has_function('monay', 'process_payment_waterfall', ARRAY['uuid'], 'process_payment_waterfall(uuid) exists');

-- Three bills of 4900 (base fee only): Jan, Feb, Mar 2025.
SELECT tests.billing_finalize('b', '2025-01-01');
SELECT tests.billing_finalize('b', '2025-02-01');
SELECT tests.billing_finalize('b', '2025-03-01');

SELECT tests.act_as('b');
CREATE TEMP TABLE w1 ON COMMIT DROP AS SELECT monay.process_payment(tests.id('b'), 7000, 'USDC') AS v;
SELECT is((SELECT jsonb_agg((a - 'payment_id') || jsonb_build_object('same_payment', a -> 'payment_id' = w1.v -> 'payment_id'))
           FROM w1, jsonb_array_elements(w1.v -> 'allocations') a),
          '[{"period": "2025-01-01", "amount_cents": 4900, "same_payment": true},
            {"period": "2025-02-01", "amount_cents": 2100, "same_payment": true}]'::jsonb,
          'the oldest bill is paid first, then the next one partly');
SELECT is((SELECT v -> 'bills_paid' FROM w1), '["2025-01-01"]'::jsonb, 'the oldest bill is paid');
SELECT is(monay.calculate_tenant_billing(tests.id('b'), '2025-02-01') ->> 'balance_due_cents', '2800',
          'the next bill has 2800 left');
SELECT is(monay.process_payment(tests.id('b'), 10000, 'USDXM') -> 'bills_paid', '["2025-02-01", "2025-03-01"]'::jsonb,
          'a second payment pays the rest in order');
SELECT is((SELECT credit_cents FROM monay.tenant_credit_balances WHERE tenant_id = tests.id('b')), 10000 - 2800 - 4900::bigint,
          'the leftover is credit (derived: payments - allocations)');
SELECT is(monay.process_payment_waterfall(tests.id('b')) -> 'allocations', '[]'::jsonb,
          'running the waterfall again changes nothing');

-- The credit pays the next bill when it is finalized.
SELECT tests.billing_finalize('b', '2025-04-01');
SELECT tests.act_as('b');
SELECT is(monay.calculate_tenant_billing(tests.id('b'), '2025-04-01') ->> 'status', 'finalized',
          'credit 2300 does not cover a 4900 bill');
SELECT is(monay.calculate_tenant_billing(tests.id('b'), '2025-04-01') ->> 'paid_cents', '2300',
          'but is applied to it when it is finalized');
SELECT is(monay.calculate_tenant_billing(tests.id('b'), '2025-03-01') ->> 'payment_method', NULL,
          'payment_method sits in costs, not at the top');

SELECT throws_ok($$ SELECT monay.process_payment_waterfall(tests.id('c')) $$, '42501', NULL,
                 'tenant b cannot run tenant c''s waterfall');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.process_payment_waterfall(tests.id('ghost')) $$, 'MT301', NULL, 'unknown tenant');

SELECT * FROM finish();
ROLLBACK;
