-- monay.cleanup_tenant_data: close at once, members lose access, purge scheduled, idempotent.
BEGIN;
SELECT plan(14);

SELECT has_function('monay', 'cleanup_tenant_data', ARRAY['uuid'], 'cleanup_tenant_data(uuid) exists');

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.add_member('a', 'a_member');
CREATE TEMP TABLE tok AS SELECT tests.make_token(tests.user_id('a_owner'), tests.id('a')) AS token;
GRANT SELECT ON tok TO PUBLIC;

SELECT tests.act_as_platform();
CREATE TEMP TABLE closed1 AS SELECT * FROM monay.cleanup_tenant_data(tests.id('a'));
GRANT SELECT ON closed1 TO PUBLIC;
SELECT is((SELECT status FROM closed1), 'closed', 'the tenant is closed at once');
SELECT is((SELECT purge_after FROM closed1), now() + interval '90 days',
          'its purge is scheduled TENANT_DATA_RETENTION (90 days) from now');
SELECT is((SELECT count(*) FROM monay.tenant_users WHERE tenant_id = tests.id('a') AND status = 'active'), 0::bigint,
          'every membership is removed');
SELECT is(tests.tenant_count('a_member'), 0::bigint, 'which frees the members'' MAX_TENANTS_PER_USER slots');
SELECT is((SELECT count(*) FROM monay.tenant_users WHERE tenant_id = tests.id('a')), 2::bigint,
          'the data stays until the purge job (membership rows kept)');
SELECT is((SELECT purge_after FROM monay.cleanup_tenant_data(tests.id('a'))), (SELECT purge_after FROM closed1),
          'a second call is a no-op: same purge_after');
SELECT throws_ok($$ SELECT monay.cleanup_tenant_data(gen_random_uuid()) $$, 'MT301', NULL, 'unknown tenant: MT301');
SELECT throws_ok($$ SELECT monay.reactivate_tenant(tests.id('a')) $$, 'MT304', NULL, 'a closed tenant cannot come back (MT304)');

-- The retention period is a setting.
SELECT monay.set_setting('TENANT_DATA_RETENTION', '"7 days"');
SELECT is((SELECT purge_after FROM monay.cleanup_tenant_data(tests.id('b'))), now() + interval '7 days',
          'a changed TENANT_DATA_RETENTION applies');

SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.authenticate((SELECT token FROM tok)) $$, 'MT204', NULL,
                 'the former owner cannot authenticate into the closed tenant (MT204: no longer a member)');

SELECT tests.as_superuser();
UPDATE monay.tenants SET status = 'active', purge_after = NULL WHERE id = tests.id('a');
UPDATE monay.tenant_users SET status = 'active' WHERE tenant_id = tests.id('a');
SELECT tests.act_as('a');
SELECT throws_ok($$ SELECT monay.cleanup_tenant_data(tests.id('a')) $$, '42501', NULL, 'the owner cannot (42501)');
SELECT tests.act_as_tenant_job('a');
SELECT throws_ok($$ SELECT monay.cleanup_tenant_data(tests.id('a')) $$, '42501', NULL,
                 'monay_platform in a tenant context cannot (42501)');
SELECT tests.act_as_forger('a', true);
SELECT throws_ok($$ SELECT monay.cleanup_tenant_data(tests.id('a')) $$, '42501', NULL, 'a forged platform context cannot (42501)');

SELECT * FROM finish();
ROLLBACK;
