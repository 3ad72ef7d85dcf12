-- monay.set_platform_context: monay_platform only; sees every tenant.
BEGIN;
SELECT plan(7);

SELECT has_function('monay', 'set_platform_context', ARRAY[]::text[], 'set_platform_context() exists');
SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');

SELECT tests.act_as_platform();
SELECT ok(monay.is_platform_context(), 'the platform flag is set and verified');
SELECT is(monay.current_tenant_id(), NULL, 'no single tenant');
SELECT set_has($$ SELECT id FROM monay.tenants $$, $$ VALUES (tests.id('a')), (tests.id('b')) $$,
               'the platform sees every tenant');

SELECT tests.act_as('a');
SELECT throws_ok($$ SELECT monay.set_platform_context() $$, '42501', NULL, 'monay_app cannot execute it (42501)');
SELECT tests.act_as_nobody();
SET LOCAL ROLE monay_readonly;
SELECT throws_ok($$ SELECT monay.set_platform_context() $$, '42501', NULL, 'monay_readonly cannot execute it (42501)');
SELECT tests.act_as_forger('a', true);
SELECT is(monay.is_platform_context(), false, 'a platform flag set with set_config is not verified');

SELECT * FROM finish();
ROLLBACK;
