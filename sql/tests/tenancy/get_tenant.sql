-- monay.get_tenant (GET /api/tenants/:id): the context's tenant, or any for the platform.
BEGIN;
SELECT plan(10);

SELECT has_function('monay', 'get_tenant', ARRAY['uuid'], 'get_tenant(uuid) exists');
SELECT is_definer('monay', 'get_tenant', ARRAY['uuid'], 'get_tenant is SECURITY DEFINER');

SELECT tests.make_tenant('gt_a', 'small_business');
SELECT tests.make_tenant('gt_b');
SELECT tests.add_member('gt_a', 'gt_viewer', 'viewer');

SELECT tests.act_as('gt_a', 'gt_viewer');
SELECT is((monay.get_tenant(tests.id('gt_a'))).name, 'gt_a', 'any member reads their tenant''s profile');
SELECT throws_ok(format('SELECT monay.get_tenant(%L)', tests.id('gt_b')), '42501', NULL,
                 'another tenant''s profile: 42501');
SELECT throws_ok($$ SELECT monay.get_tenant(NULL) $$, '22023', NULL, 'NULL: 22023');

SELECT tests.act_as_nobody();
SELECT throws_ok(format('SELECT monay.get_tenant(%L)', tests.id('gt_a')), '42501', NULL, 'no context: 42501');
SELECT tests.act_as_forger('gt_a');
SELECT throws_ok(format('SELECT monay.get_tenant(%L)', tests.id('gt_a')), '42501', NULL, 'a forged context: 42501');

SELECT tests.act_as_platform();
SELECT is((monay.get_tenant(tests.id('gt_b'))).billing_tier, 'free', 'the platform reads any tenant');
SELECT throws_ok(format('SELECT monay.get_tenant(%L)', gen_random_uuid()), 'MT301', NULL, 'an unknown tenant: MT301');
SELECT tests.act_as_tenant_job('gt_b');
SELECT is((monay.get_tenant(tests.id('gt_b'))).id, tests.id('gt_b'), 'a platform job in a tenant reads it');

SELECT * FROM finish();
ROLLBACK;
