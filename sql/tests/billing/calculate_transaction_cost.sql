-- monay.calculate_transaction_cost: what tracking an operation now would add to the bill.
BEGIN;
SELECT plan(14);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('f', 'free');

SELECT has_function('monay', 'calculate_transaction_cost', ARRAY['uuid', 'text', 'integer'],
                    'calculate_transaction_cost(uuid, text, integer) exists');

SELECT tests.act_as('b');
SELECT is(monay.calculate_transaction_cost(tests.id('b'), 'transfer') -> 'bill_increase_cents', '0'::jsonb,
          'within the allowance an operation adds nothing');
SELECT monay.track_operation(tests.id('b'), 'transfer', 10000);
SELECT is(monay.calculate_transaction_cost(tests.id('b'), 'transfer', 5) -> 'bill_increase_cents', '10'::jsonb,
          'beyond it: 5 transactions x 2 cents');
SELECT is(monay.calculate_transaction_cost(tests.id('b'), 'transfer', 5) -> 'bill_increase_usdxm_cents', '9'::jsonb,
          'paid in USDXM: the discounted difference');
SELECT is(monay.calculate_transaction_cost(tests.id('b'), 'smart_contract_deploy') #>> '{computation_units}', '5000',
          'a deploy is 5000 units');
SELECT is(tests.billing_counted('b', tests.this_month(), 'transactions'), 10000::bigint, 'nothing is recorded');

SELECT throws_ok($$ SELECT monay.calculate_transaction_cost(tests.id('b'), 'warp') $$, 'MT401', NULL, 'unknown type');
SELECT throws_ok($$ SELECT monay.calculate_transaction_cost(tests.id('b'), 'transfer', 0) $$, '22023', NULL, 'quantity 0');
SELECT throws_ok($$ SELECT monay.calculate_transaction_cost(tests.id('f'), 'transfer') $$, '42501', NULL,
                 'tenant b cannot price for tenant f');
SELECT is(monay.calculate_transaction_cost(tests.id('b'), 'transfer') - ARRAY['tenant_id', 'operation_type', 'quantity',
          'tier', 'computation_units', 'transactions', 'bill_increase_cents', 'bill_increase_usdxm_cents',
          'cost_to_monay_millicents'], '{"within_allowance": false, "allowed": true}'::jsonb,
          'a paid tier over its allowance: not within it, but allowed (billed as overage)');

-- Issue 16, item 12: the dry run answers for a free tenant at its allowance (no MT402).
SELECT tests.act_as('f');
SELECT monay.track_operation(tests.id('f'), 'transfer', 1000);
SELECT is(monay.calculate_transaction_cost(tests.id('f'), 'transfer') ->> 'allowed', 'false',
          'free at its allowance: allowed false, answered instead of raised');
SELECT is(monay.calculate_transaction_cost(tests.id('f'), 'api_call') ->> 'allowed', 'true',
          'an api_call (units, not a transaction) still fits: allowed');

-- within_allowance compares the current tier's own line, not the sum of the month's tiers.
SELECT tests.billing_tenant('ctc_moved', 'enterprise');
SELECT tests.act_as('ctc_moved');
SELECT monay.track_operation(tests.id('ctc_moved'), 'transfer', 20000);
SELECT tests.billing_tier_change('ctc_moved', 'small_business', now() - interval '1 second');
SELECT tests.act_as('ctc_moved');
SELECT is(monay.calculate_transaction_cost(tests.id('ctc_moved'), 'transfer', 1) ->> 'within_allowance',
          CASE WHEN 10000 * ((tests.this_month() + interval '1 month')::date - now()::date) / ((tests.this_month() + interval '1 month')::date - tests.this_month()) >= 1
               THEN 'true' ELSE 'false' END,
          'after a move from enterprise, the enterprise usage does not use up small_business''s own allowance');
SELECT is(monay.calculate_transaction_cost(tests.id('ctc_moved'), 'transfer', 1) ->> 'allowed', 'true',
          'a paid tier is always allowed');

SELECT * FROM finish();
ROLLBACK;
