-- monay.list_user_tenants: the tenant selector.
BEGIN;
SELECT plan(8);

SELECT has_function('monay', 'list_user_tenants', ARRAY[]::text[], 'list_user_tenants() exists');

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b', 'small_business');
SELECT tests.make_tenant('c');
SELECT tests.make_tenant('susp', 'free', NULL, 'suspended');
SELECT tests.add_member('b', 'a_owner', 'viewer');
SELECT tests.add_member('c', 'a_owner', 'admin');
SELECT tests.add_member('susp', 'a_owner', 'member');
UPDATE monay.tenant_users SET status = 'removed' WHERE tenant_id = tests.id('c') AND user_id = tests.user_id('a_owner');

SELECT tests.act_as('a');
SELECT results_eq(
    $$ SELECT tenant_id, name, tenant_type, billing_tier, role, is_current FROM monay.list_user_tenants() $$,
    $$ VALUES (tests.id('a'), 'a'::text, 'individual'::text, 'free'::text, 'owner'::text, true),
              (tests.id('b'), 'b', 'small_business', 'small_business', 'viewer', false) $$,
    'the user''s active memberships in active tenants, ordered by name, the current one flagged');
SELECT ok((SELECT bool_and(monay.tenant_code_is_valid(tenant_code)) FROM monay.list_user_tenants()), 'with their codes');
SELECT monay.switch_tenant(tests.id('b'));
SELECT is((SELECT tenant_id FROM monay.list_user_tenants() WHERE is_current), tests.id('b'), 'is_current follows a switch');

SELECT tests.act_as('b');
SELECT is((SELECT array_agg(tenant_id) FROM monay.list_user_tenants()), ARRAY[tests.id('b')],
          'b''s owner sees only their own tenants, not a''s');

SELECT tests.act_as_tenant_job('a');
SELECT throws_ok($$ SELECT * FROM monay.list_user_tenants() $$, 'MT206', NULL, 'a context without a user: MT206');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT * FROM monay.list_user_tenants() $$, 'MT206', NULL, 'no context: MT206');
SELECT tests.act_as_forger('a');
SELECT throws_ok($$ SELECT * FROM monay.list_user_tenants() $$, 'MT206', NULL, 'a forged context: MT206');

SELECT * FROM finish();
ROLLBACK;
