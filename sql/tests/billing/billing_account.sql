-- monay_private.billing_account: counts usage on the sharded counters and enforces status (MT301,
-- MT404), rate limit (MT403) and the free allowance (MT402). It trusts its caller about the tenant
-- (track_operation(s) and the billing_operations trigger authorize first): no context check here.
-- Internal (only monay_owner may execute it): called as the test superuser.
BEGIN;
SELECT plan(12);

SELECT tests.billing_tenant('f', 'free');
SELECT tests.billing_tenant('g', 'free');
SELECT tests.billing_tenant('s', 'free', '2024-01-01', 'suspended');
SELECT tests.billing_tenant('x', 'free', '2024-01-01', 'closed');

SELECT has_function('monay_private', 'billing_account', ARRAY['uuid', 'date', 'bigint', 'bigint', 'bigint', 'bigint', 'boolean', 'boolean'],
                    'billing_account(uuid, date, bigint x4, boolean, boolean) exists');
SELECT isnt_definer('monay_private', 'billing_account', ARRAY['uuid', 'date', 'bigint', 'bigint', 'bigint', 'bigint', 'boolean', 'boolean'],
                    'billing_account is SECURITY INVOKER (run as the owner by its SECURITY DEFINER callers)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_account(uuid, date, bigint, bigint, bigint, bigint, boolean, boolean)', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.billing_account(uuid, date, bigint, bigint, bigint, bigint, boolean, boolean)', 'EXECUTE'),
          'neither monay_app nor monay_platform can execute billing_account');

SELECT monay_private.billing_account(tests.id('f'), tests.this_month(), 3, 7, 4, 25, false, false);
SELECT monay_private.billing_account(tests.id('f'), tests.this_month(), 2, 1, 1, 5, true, false);
SELECT is((SELECT (sum(transactions), sum(computation_units), sum(operations), sum(cost_millicents),
                   sum(late_transactions), sum(late_computation_units))::text
           FROM monay_private.billing_usage_counters WHERE tenant_id = tests.id('f') AND period = tests.this_month()),
          '(5,8,5,30,2,1)', 'two calls add up on the counters; late usage is also counted as late');
SELECT is(tests.billing_counted('g', tests.this_month(), 'transactions'), 0::bigint, 'tenant g''s counters are untouched');

-- Free: 1000 included transactions, 10000 units, policy refuse.
SELECT throws_ok($$ SELECT monay_private.billing_account(tests.id('f'), tests.this_month(), 996, 0, 1, 0, false, false) $$,
                 'MT402', NULL, 'a free tenant past its 1000 transactions is refused (MT402)');
SELECT throws_ok($$ SELECT monay_private.billing_account(tests.id('f'), '2025-03-01', 0, 10001, 1, 0, false, false) $$,
                 'MT402', NULL, 'and past its 10000 units in a past month too (MT402)');
SELECT is(tests.billing_counted('f', tests.this_month(), 'transactions'), 5::bigint, 'a refused call counts nothing');

SELECT throws_ok($$ SELECT monay_private.billing_account(tests.id('ghost'), tests.this_month(), 1, 1, 1, 0, false, false) $$,
                 'MT301', NULL, 'an unknown tenant raises MT301');
SELECT throws_ok($$ SELECT monay_private.billing_account(tests.id('s'), tests.this_month(), 1, 1, 1, 0, false, false) $$,
                 'MT404', NULL, 'a suspended tenant raises MT404');
SELECT throws_ok($$ SELECT monay_private.billing_account(tests.id('x'), tests.this_month(), 1, 1, 1, 0, false, false) $$,
                 'MT404', NULL, 'a closed tenant raises MT404');

-- Rate limit of free: 20 calls/s, burst 40, one slot. 100 calls taking a token at once cannot all pass.
SELECT throws_ok($$ SELECT monay_private.billing_account(tests.id('g'), tests.this_month(), 0, 0, 1, 0, false, true)
                    FROM generate_series(1, 100) $$,
                 'MT403', NULL, 'a burst of 100 calls on a free tenant hits the rate limit (MT403)');

SELECT * FROM finish();
ROLLBACK;
