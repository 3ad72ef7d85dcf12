-- monay.process_payment: stablecoins only, USDXM discount, waterfall, idempotency, isolation.
BEGIN;
SELECT plan(23);

SELECT tests.billing_tenant('a', 'enterprise');
SELECT tests.billing_tenant('b', 'small_business');

SELECT has_function('monay', 'process_payment', ARRAY['uuid', 'bigint', 'text', 'text'],
                    'process_payment(uuid, bigint, text, text) exists');

SELECT tests.act_as('b');
CREATE TEMP TABLE p1 ON COMMIT DROP AS SELECT monay.process_payment(tests.id('b'), 10000, 'USDXM') AS v;
SELECT is((SELECT (v ->> 'discount_applied')::bigint FROM p1), 1000::bigint, 'USDXM: 10000 -> discount_applied 1000');
SELECT is((SELECT (v ->> 'final_amount')::bigint FROM p1), 9000::bigint, 'USDXM: final_amount 9000');
SELECT is((SELECT v ->> 'final_amount_base_units' FROM p1), '90000000', 'in base units: 9000 cents x 10^4 (6 decimals)');
SELECT is((SELECT (v ->> 'credit_cents')::bigint FROM p1), 10000::bigint, 'no bill yet: the payment is credit');
SELECT is(monay.process_payment(tests.id('b'), 10000, 'USDC') -> 'discount_applied', '0'::jsonb, 'USDC: no discount');
SELECT is(monay.process_payment(tests.id('b'), 999, 'USDT') -> 'final_amount', '999'::jsonb, 'USDT: pays the full amount');
SELECT is(monay.process_payment(tests.id('b'), 15, 'USDXM') -> 'discount_applied', '1'::jsonb,
          'the discount rounds down: floor(15 x 10 / 100) = 1');

-- Refused: fiat, disabled coins, bad amounts; nothing recorded.
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('b'), 10000, 'USD') $$, 'MT405', NULL, 'USD is refused');
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('b'), 10000, 'EUR') $$, 'MT405', NULL, 'EUR is refused');
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('b'), 10000, 'usdc') $$, 'MT405', NULL,
                 'symbols are exact (no case folding)');
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('b'), 0, 'USDC') $$, '22023', NULL, 'amount 0 is refused');
SELECT tests.as_superuser();
UPDATE monay.stablecoin_payment_config SET enabled = false WHERE symbol = 'USDT';
SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('b'), 10000, 'USDT') $$, 'MT405', NULL,
                 'a disabled stablecoin is refused');
SELECT is((SELECT count(*) FROM monay.payments WHERE tenant_id = tests.id('b')), 4::bigint,
          'refused payments recorded nothing');

-- Idempotency
CREATE TEMP TABLE p2 ON COMMIT DROP AS SELECT monay.process_payment(tests.id('b'), 500, 'USDC', 'pay-1') AS v;
SELECT is(monay.process_payment(tests.id('b'), 500, 'USDC', 'pay-1') ->> 'payment_id', (SELECT v ->> 'payment_id' FROM p2),
          'the same key returns the first payment');
SELECT is(monay.process_payment(tests.id('b'), 500, 'USDC', 'pay-1') ->> 'duplicate', 'true', 'marked duplicate');
SELECT is((SELECT count(*) FROM monay.payments WHERE tenant_id = tests.id('b')), 5::bigint, 'recorded once');
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('b'), 501, 'USDC', 'pay-1') $$, 'MT406', NULL,
                 'the same key with another amount is refused');
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('b'), 500, 'USDXM', 'pay-1') $$, 'MT406', NULL,
                 'the same key with another coin is refused (a USDXM retry would pay 10% less)');
SELECT is((SELECT count(*) FROM monay.payments WHERE tenant_id = tests.id('b')), 5::bigint,
          'the refused retries recorded nothing');

-- Isolation
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('a'), 100, 'USDC') $$, '42501', NULL,
                 'tenant b cannot pay for tenant a');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.process_payment(tests.id('b'), 100, 'USDC') $$, '42501', NULL, 'no context: refused');
SELECT tests.act_as('a');
SELECT is_empty($$ SELECT 1 FROM monay.payments WHERE tenant_id = tests.id('b') $$, 'tenant a sees no payment of b');

SELECT * FROM finish();
ROLLBACK;
