-- monay.calculate_transaction_cost: what tracking an operation now would add to the bill.
BEGIN;
SELECT plan(9);

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

SELECT * FROM finish();
ROLLBACK;
