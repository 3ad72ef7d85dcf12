-- monay_private.billing_operation_cost: the shared quantity and operation-type checks.
BEGIN;
SELECT plan(7);

SELECT has_function('monay_private', 'billing_operation_cost', ARRAY['uuid', 'text', 'integer', 'text'],
                    'billing_operation_cost(uuid, text, integer, text) exists');
SELECT isnt_definer('monay_private', 'billing_operation_cost', ARRAY['uuid', 'text', 'integer', 'text'],
                    'it is SECURITY INVOKER (runs inside the definer functions that call it)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_operation_cost(uuid, text, integer, text)',
                                     'EXECUTE'), 'the application role cannot call it');

SELECT is((monay_private.billing_operation_cost(tests.id('a'), 'smart_contract_deploy', 1, 't')).computation_units,
          5000::bigint, 'it returns the operation''s costs row (smart_contract_deploy = 5000 units)');
SELECT throws_ok($$ SELECT monay_private.billing_operation_cost(tests.id('a'), 'transfer', 0, 'my_fn') $$,
                 '22023', 'my_fn: quantity must be at least 1, got 0 (tenant ' || tests.id('a') || ')',
                 'a quantity below 1 raises 22023 naming the caller and the tenant');
SELECT throws_ok($$ SELECT monay_private.billing_operation_cost(tests.id('a'), 'transfer', NULL, 'my_fn') $$,
                 '22023', NULL, 'a NULL quantity raises 22023');
SELECT throws_ok($$ SELECT monay_private.billing_operation_cost(tests.id('a'), 'teleport', 1, 'my_fn') $$,
                 'MT401', NULL, 'an unknown operation type raises MT401');

SELECT * FROM finish();
ROLLBACK;
