-- monay_private.billing_tenant_state_sync (AFTER INSERT/UPDATE OF status, billing_tier trigger on
-- monay.tenants): mirrors status and tier into monay_private.billing_tenant_state, which the
-- usage path reads. Tested through the tenants table and through track_operation.
BEGIN;
SELECT plan(8);

SELECT trigger_is('monay', 'tenants', 'tenants_300_billing_state_sync', 'monay_private', 'billing_tenant_state_sync',
                  'tenants carries the mirror trigger');
SELECT is_definer('monay_private', 'billing_tenant_state_sync', '{}'::text[],
                  'billing_tenant_state_sync is SECURITY DEFINER (writers of tenants have no monay_private)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_tenant_state_sync()', 'EXECUTE')
          AND NOT has_table_privilege('monay_app', 'monay_private.billing_tenant_state', 'SELECT'),
          'monay_app can neither execute the trigger function nor read the mirror');

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT is((SELECT (status, billing_tier)::text FROM monay_private.billing_tenant_state WHERE tenant_id = tests.id('a')),
          '(active,free)', 'an inserted tenant is mirrored');

UPDATE monay.tenants SET billing_tier = 'small_business', gross_margin_percent = 60 WHERE id = tests.id('a');
SELECT is((SELECT billing_tier FROM monay_private.billing_tenant_state WHERE tenant_id = tests.id('a')),
          'small_business', 'a tier change is mirrored');

SELECT tests.act_as_platform();
SELECT monay.suspend_tenant(tests.id('a'), 'unpaid');
SELECT tests.as_superuser();
SELECT is((SELECT array_agg((status, billing_tier)::text ORDER BY tenant_id = tests.id('b'))
           FROM monay_private.billing_tenant_state WHERE tenant_id IN (tests.id('a'), tests.id('b'))),
          ARRAY['(suspended,small_business)', '(active,free)'], 'suspending a (platform) is mirrored; b''s row is untouched');

SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'transfer') $$, '42501', NULL,
                 'b still cannot record a''s usage (42501)');
SELECT tests.act_as_tenant_job('a');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'transfer') $$, 'MT404', NULL,
                 'the usage path reads the mirror: a suspended tenant''s usage is refused (MT404)');

SELECT * FROM finish();
ROLLBACK;
