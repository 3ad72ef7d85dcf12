-- Smoke test of the signed context: authenticate, forged context, platform.
BEGIN;
SELECT plan(6);

SELECT tests.make_tenant('a', 'small_business');
SELECT tests.make_tenant('b', 'enterprise');

SELECT tests.act_as('a');
SELECT is(monay.current_tenant_id(), tests.id('a'), 'authenticate sets the tenant');
SELECT results_eq($$ SELECT id FROM monay.tenants $$, ARRAY[tests.id('a')], 'tenant a sees only itself');

SELECT tests.act_as_forger('b');
SELECT is(monay.current_tenant_id(), NULL, 'a forged context verifies to nothing');
SELECT is_empty($$ SELECT id FROM monay.tenants $$, 'a forged context sees no tenant');

SELECT tests.act_as_platform();
SELECT set_eq($$ SELECT id FROM monay.tenants $$, ARRAY[tests.id('a'), tests.id('b')],
              'the platform sees every tenant (this file''s database holds these two)');

SELECT tests.act_as('b');
SELECT results_eq($$ SELECT id FROM monay.tenants $$, ARRAY[tests.id('b')],
                  'a new authentication in the same transaction replaces the context: b sees only itself');

SELECT * FROM finish();
ROLLBACK;
