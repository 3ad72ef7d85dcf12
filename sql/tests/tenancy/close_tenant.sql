-- monay.close_tenant (DELETE /api/tenants/:id): an owner or the platform closes a tenant.
BEGIN;
SELECT plan(11);

SELECT has_function('monay', 'close_tenant', ARRAY['uuid'], 'close_tenant(uuid) exists');
SELECT is_definer('monay', 'close_tenant', ARRAY['uuid'], 'close_tenant is SECURITY DEFINER');

SELECT tests.make_tenant('clt_a', 'small_business');
SELECT tests.make_tenant('clt_b');
SELECT tests.make_tenant('clt_c');
SELECT tests.add_member('clt_a', 'clt_admin', 'admin');
SELECT tests.add_member('clt_a', 'clt_member', 'member');

SELECT tests.act_as('clt_a', 'clt_admin');
SELECT throws_ok(format('SELECT monay.close_tenant(%L)', tests.id('clt_a')), '42501', NULL, 'an admin may not close: 42501');
SELECT tests.act_as('clt_a', 'clt_member');
SELECT throws_ok(format('SELECT monay.close_tenant(%L)', tests.id('clt_a')), '42501', NULL, 'a member may not: 42501');
SELECT tests.act_as('clt_a');
SELECT throws_ok(format('SELECT monay.close_tenant(%L)', tests.id('clt_b')), '42501', NULL,
                 'an owner cannot close another tenant: 42501');
SELECT throws_ok($$ SELECT monay.close_tenant(NULL) $$, '22023', NULL, 'NULL: 22023');
SELECT is((monay.close_tenant(tests.id('clt_a'))).status_reason, 'close_tenant', 'the owner closes their tenant');

SELECT tests.as_superuser();
SELECT is((SELECT count(*) FROM monay.tenant_users WHERE tenant_id = tests.id('clt_a') AND status = 'active'), 0::bigint,
          'every membership is removed (slots freed)');
SELECT ok((SELECT purge_after IS NOT NULL AND status = 'closed' FROM monay.tenants WHERE id = tests.id('clt_a')),
          'closed, with a purge date');

SELECT tests.act_as_platform();
SELECT is((monay.close_tenant(tests.id('clt_c'))).status, 'closed', 'the platform may close too');
SELECT throws_ok(format('SELECT monay.close_tenant(%L)', gen_random_uuid()), 'MT301', NULL, 'an unknown tenant: MT301');

SELECT * FROM finish();
ROLLBACK;
