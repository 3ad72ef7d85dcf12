-- Issue 16, items 9 and 11: payment caps (a bigint-max payment broke every later
-- payment) and the USDXM discount per bill (a bill paid in k USDXM payments cost
-- up to k - 1 cents more than its total_cents).
BEGIN;
SELECT plan(12);

SELECT tests.billing_tenant('ps_split', 'small_business');
SELECT tests.billing_tenant('ps_cap', 'small_business');
SELECT tests.billing_tenant('ps_mix', 'small_business');

SELECT has_function('monay_private', 'billing_payment_discount', ARRAY['uuid', 'bigint', 'bigint'],
                    'billing_payment_discount(uuid, bigint, bigint) exists');

-- The bill of calculate_tenant_billing.sql: 11,324 before discount, 10,192 in USDXM.
SELECT tests.billing_usage(n, '2025-01-01', '[{"operation_type": "transfer", "quantity": 12345},
                                           {"operation_type": "smart_contract_deploy"},
                                           {"operation_type": "kyc_check", "quantity": 200}]')
FROM unnest(ARRAY['ps_split', 'ps_mix']) n;
SELECT tests.billing_finalize(n, '2025-01-01') FROM unnest(ARRAY['ps_split', 'ps_mix']) n;

SELECT tests.act_as('ps_split');
CREATE TEMP TABLE split ON COMMIT DROP AS
SELECT monay.process_payment(tests.id('ps_split'), 5005, 'USDXM') AS v
UNION ALL SELECT monay.process_payment(tests.id('ps_split'), 6319, 'USDXM');
SELECT is((SELECT sum((v ->> 'final_amount')::bigint) FROM split), 10192::numeric,
          'a bill of 11,324 paid as 5,005 + 6,319 in USDXM transfers exactly its total_cents, 10,192 (not 10,193)');
SELECT is((SELECT array_agg((v ->> 'discount_applied')::bigint ORDER BY (v ->> 'payment_id')::bigint) FROM split),
          ARRAY[500, 632]::bigint[], 'discounts floor(500.5) then floor(1132.4) - floor(500.5)');
SELECT is((SELECT status FROM monay.billing_metrics WHERE tenant_id = tests.id('ps_split') AND period = '2025-01-01'),
          'paid', 'the bill is paid');
SELECT is((SELECT (monay.process_payment(tests.id('ps_split'), 10000, 'USDXM') ->> 'discount_applied')::bigint), 1000::bigint,
          'with nothing due the seed''s rule holds: 10,000 in USDXM -> 1,000 off (credit)');

-- Mixed coins: USDC settles 1,000 first, then USDXM the rest: 10% of the bill minus 10% of what was settled.
SELECT tests.act_as('ps_mix');
SELECT monay.process_payment(tests.id('ps_mix'), 1000, 'USDC');
SELECT is((monay.process_payment(tests.id('ps_mix'), 10324, 'USDXM') ->> 'discount_applied')::bigint,
          (1132 - 100)::bigint, 'USDXM after USDC: floor(11,324 x 10%) - floor(1,000 x 10%)');

-- Caps.
SELECT tests.act_as('ps_cap');
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('ps_cap'), 9223372036854775807, 'USDC') $$, 'MT417', NULL,
                 'a bigint-max payment is refused (MT417)');
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('ps_cap'), 1000000000001, 'USDC') $$, 'MT417', NULL,
                 'a payment above 10^12 cents is refused (MT417)');
SELECT lives_ok($$ SELECT monay.process_payment(tests.id('ps_cap'), 1000000000000, 'USDC') $$,
                'a payment of 10^12 cents is accepted');
SELECT lives_ok($$ SELECT monay.process_payment(tests.id('ps_cap'), 100, 'USDXM') $$,
                'and later payments still work');
SELECT tests.as_superuser();
INSERT INTO monay.payments (tenant_id, amount_cents, payment_method, discount_cents, final_amount_cents, token_decimals,
                            token_amount)
SELECT tests.id('ps_cap'), 1000000000000, 'USDC', 0, 1000000000000, 6, 0 FROM generate_series(1, 998);
SELECT tests.act_as('ps_cap');
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('ps_cap'), 1000000000000, 'USDC') $$, 'MT417', NULL,
                 'payments of a tenant summing above 10^15 cents are refused (MT417)');
SELECT tests.act_as('ps_split');
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('ps_cap'), 100, 'USDC') $$, '42501', NULL,
                 'another tenant cannot pay for ps_cap');

SELECT * FROM finish();
ROLLBACK;
