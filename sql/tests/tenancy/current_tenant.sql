-- monay.current_tenant (GET /api/tenants/current).
BEGIN;
SELECT plan(8);

SELECT has_function('monay', 'current_tenant', ARRAY[]::text[], 'current_tenant() exists');

SELECT tests.make_tenant('ct_a', 'small_business');
SELECT tests.make_tenant('ct_b');
SELECT tests.add_member('ct_b', 'ct_a_owner', 'admin');

SELECT tests.act_as('ct_a');
SELECT is(monay.current_tenant() ->> 'tenant_id', tests.id('ct_a')::text, 'the authenticated tenant');
SELECT is(monay.current_tenant() ->> 'role', 'owner', '... with the user''s role there');
SELECT monay.switch_tenant(tests.id('ct_b'));
SELECT is(monay.current_tenant() ->> 'role', 'admin', 'after a switch: the new tenant and role (no other tenant shows)');

SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.current_tenant() $$, 'MT206', NULL, 'no context: MT206');
SELECT tests.act_as_forger('ct_a');
SELECT throws_ok($$ SELECT monay.current_tenant() $$, 'MT206', NULL, 'a forged context: MT206');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.current_tenant() $$, 'MT206', NULL, 'the platform-wide context has no tenant: MT206');
SELECT tests.act_as_tenant_job('ct_a');
SELECT ok(monay.current_tenant() ->> 'role' IS NULL AND monay.current_tenant() ->> 'name' = 'ct_a',
          'a platform job in a tenant: that tenant, no user role');

SELECT * FROM finish();
ROLLBACK;
