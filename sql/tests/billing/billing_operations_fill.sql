-- monay_private.billing_operations_fill (BEFORE INSERT trigger on monay.billing_operations, rows
-- without billing_period): the seed's raw INSERT under a tenant context is filled (tenant, units,
-- transactions, cost, period, late) and counted through billing_account. Tested through the table.
BEGIN;
SELECT plan(13);

SELECT tests.billing_tenant('a', 'small_business');
SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('f', 'free');
SELECT tests.billing_finalize('a', tests.last_month());

SELECT trigger_is('monay', 'billing_operations', 'billing_operations_fill', 'monay_private', 'billing_operations_fill',
                  'billing_operations carries the fill trigger');
SELECT is_definer('monay_private', 'billing_operations_fill', '{}'::text[], 'billing_operations_fill is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_operations_fill()', 'EXECUTE'),
          'monay_app cannot execute billing_operations_fill');

SELECT tests.act_as('a');
INSERT INTO monay.billing_operations (operation_type, computation_units) VALUES ('transfer', 1);
INSERT INTO monay.billing_operations (operation_type, quantity) VALUES ('card_authorization', 3);
SELECT tests.as_superuser();
SELECT results_eq($$ SELECT tenant_id, operation_type, quantity, computation_units, transactions, cost_millicents, billing_period, late
                     FROM monay.billing_operations WHERE tenant_id = tests.id('a') ORDER BY id $$,
                  $$ VALUES (tests.id('a'), 'transfer'::text, 1::bigint, 1::bigint, 1::bigint, 10::bigint, tests.this_month(), false),
                            (tests.id('a'), 'card_authorization', 3, 6, 3, 60, tests.this_month(), false) $$,
                  'raw inserts are filled: tenant from the context, units, transactions and cost from operation_costs, period');
SELECT is(tests.billing_counted('a', tests.this_month(), 'transactions'), 4::bigint, 'and counted (1 + 3 transactions)');

SELECT tests.act_as('a');
INSERT INTO monay.billing_operations (operation_type, occurred_at) VALUES ('transfer', tests.last_month() + interval '9 days');
SELECT tests.as_superuser();
SELECT is((SELECT (billing_period, late)::text FROM monay.billing_operations
           WHERE tenant_id = tests.id('a') AND occurred_at = tests.last_month() + interval '9 days'),
          (tests.this_month(), true)::text, 'usage of a billed month (last month) counts in the running month, marked late');

SELECT tests.act_as('a');
SELECT throws_ok($$ INSERT INTO monay.billing_operations (tenant_id, operation_type) VALUES (tests.id('b'), 'transfer') $$,
                 '42501', NULL, 'a''s context cannot record usage of tenant b (42501)');
SELECT throws_ok($$ INSERT INTO monay.billing_operations (operation_type) VALUES ('teleport') $$,
                 'MT401', NULL, 'an unknown operation type raises MT401');
SELECT throws_ok($$ INSERT INTO monay.billing_operations (operation_type, computation_units) VALUES ('card_authorization', 5) $$,
                 'MT410', NULL, 'computation_units that are not units x quantity raise MT410');
SELECT throws_ok($$ INSERT INTO monay.billing_operations (operation_type, occurred_at) VALUES ('transfer', now() + interval '1 hour') $$,
                 '22023', NULL, 'occurred_at an hour ahead raises 22023');
SELECT tests.as_superuser();
SELECT is(tests.billing_counted('b', tests.this_month(), 'transactions') + tests.billing_counted('a', tests.this_month(), 'transactions'),
          5::bigint, 'the refused inserts counted nothing, for a or b (4 + the late one)');

SELECT tests.act_as('f');
SELECT throws_ok($$ INSERT INTO monay.billing_operations (operation_type, quantity) VALUES ('transfer', 1001) $$,
                 'MT402', NULL, 'a free tenant past its allowance is refused as by track_operation (MT402)');

SELECT tests.act_as_nobody();
SELECT throws_ok($$ INSERT INTO monay.billing_operations (operation_type) VALUES ('transfer') $$,
                 '42501', NULL, 'without a context the row has no tenant (42501)');

SELECT * FROM finish();
ROLLBACK;
