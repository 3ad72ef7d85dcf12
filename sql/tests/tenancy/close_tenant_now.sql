-- monay_private.close_tenant_now: the closing shared by cleanup_tenant_data and close_tenant.
BEGIN;
SELECT plan(6);

SELECT has_function('monay_private', 'close_tenant_now', ARRAY['uuid', 'text'], 'close_tenant_now exists');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.close_tenant_now(uuid, text)', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.close_tenant_now(uuid, text)', 'EXECUTE'),
          'owner only: no application or platform role may call it');

SELECT tests.make_tenant('ctn_a');
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT is((monay_private.close_tenant_now(tests.id('ctn_a'), 'why')).status_reason, 'why', 'closes with the reason given');
SELECT is((monay_private.close_tenant_now(tests.id('ctn_a'), 'again')).status_reason, 'why',
          'idempotent: a closed tenant is returned unchanged');
SELECT throws_ok(format('SELECT monay_private.close_tenant_now(%L, %L)', gen_random_uuid(), 'x'), 'MT301', NULL,
                 'an unknown tenant: MT301');
SELECT tests.as_superuser();
UPDATE monay.settings SET value = '"-1 day"' WHERE key = 'TENANT_DATA_RETENTION';
SELECT tests.make_tenant('ctn_b');
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT throws_ok(format('SELECT monay_private.close_tenant_now(%L, %L)', tests.id('ctn_b'), 'x'), 'MT102', NULL,
                 'a negative retention: MT102');

SELECT * FROM finish();
ROLLBACK;
