-- monay.process_payment_waterfall: oldest unpaid bill first, leftover is credit for the next bill.
BEGIN;
SELECT plan(16);

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

-- The waterfall itself, on credit that no call has allocated yet (a payment row written
-- directly, as an import would): oldest bill first, from the oldest payment first.
SELECT tests.billing_tenant('d', 'small_business');
SELECT tests.billing_finalize('d', '2025-01-01');
SELECT tests.billing_finalize('d', '2025-02-01');
SELECT tests.as_superuser();
INSERT INTO monay.payments (tenant_id, amount_cents, payment_method, discount_cents, final_amount_cents,
                            token_decimals, token_amount)
VALUES (tests.id('d'), 4000, 'USDC', 0, 4000, 6, 40000000),
       (tests.id('d'), 2000, 'USDC', 0, 2000, 6, 20000000);
SELECT tests.act_as('d');
CREATE TEMP TABLE wd ON COMMIT DROP AS SELECT monay.process_payment_waterfall(tests.id('d')) AS v;
SELECT is((SELECT jsonb_agg(jsonb_build_array(a ->> 'period', (a ->> 'amount_cents')::int,
                                              (a ->> 'payment_id')::bigint = first.id))
           FROM wd, jsonb_array_elements(wd.v -> 'allocations') a,
                (SELECT min(id) AS id FROM monay.payments WHERE tenant_id = tests.id('d')) first),
          '[["2025-01-01", 4000, true], ["2025-01-01", 900, false], ["2025-02-01", 1100, false]]'::jsonb,
          'the waterfall allocates the oldest payment to the oldest bill, then the next payment');
SELECT is((SELECT v -> 'bills_paid' FROM wd), '["2025-01-01"]'::jsonb, 'January is paid');
SELECT is((SELECT (v ->> 'credit_cents')::int FROM wd), 0, 'no credit is left');
SELECT is(monay.calculate_tenant_billing(tests.id('d'), '2025-02-01') ->> 'balance_due_cents', '3800',
          'February has 4900 - 1100 left');

SELECT throws_ok($$ SELECT monay.process_payment_waterfall(tests.id('c')) $$, '42501', NULL,
                 'tenant b cannot run tenant c''s waterfall');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.process_payment_waterfall(tests.id('ghost')) $$, 'MT301', NULL, 'unknown tenant');

SELECT * FROM finish();
ROLLBACK;
