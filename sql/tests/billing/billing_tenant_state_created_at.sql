-- monay_private.billing_tenant_state_created_at (trigger tenants_310_billing_state_created_at on
-- monay.tenants, migration 020): mirrors created_at into monay_private.billing_tenant_state,
-- where billing_period_for reads it (MT415 for usage before the tenant existed).
BEGIN;
SELECT plan(9);

SELECT trigger_is('monay', 'tenants', 'tenants_310_billing_state_created_at', 'monay_private',
                  'billing_tenant_state_created_at', 'the trigger on tenants calls billing_tenant_state_created_at');
SELECT is_definer('monay_private', 'billing_tenant_state_created_at', '{}'::text[],
                  'billing_tenant_state_created_at is SECURITY DEFINER (writers of tenants have no monay_private)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_tenant_state_created_at()', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.billing_tenant_state_created_at()', 'EXECUTE'),
          'no application role can execute it');

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT is((SELECT s.created_at FROM monay_private.billing_tenant_state s WHERE s.tenant_id = tests.id('a')),
          (SELECT t.created_at FROM monay.tenants t WHERE t.id = tests.id('a')), 'an inserted tenant''s created_at is mirrored');
UPDATE monay.tenants SET created_at = '2025-03-04 05:06:07+00' WHERE id = tests.id('a');
SELECT is((SELECT created_at FROM monay_private.billing_tenant_state WHERE tenant_id = tests.id('a')),
          '2025-03-04 05:06:07+00'::timestamptz, 'a change of created_at is mirrored');
SELECT isnt((SELECT created_at FROM monay_private.billing_tenant_state WHERE tenant_id = tests.id('b')),
            '2025-03-04 05:06:07+00'::timestamptz, 'b''s row is untouched');

-- Through the usage path, as the tenant: usage before the (mirrored) creation time is refused,
-- usage after it is recorded; another tenant cannot record a's usage at all.
SELECT tests.act_as_tenant_job('a');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'api_call', 1, NULL, '2025-03-04 05:06:06+00') $$,
                 'MT415', NULL, 'usage one second before the mirrored creation time is refused (MT415)');
SELECT is((monay.track_operation(tests.id('a'), 'api_call', 1) ->> 'duplicate'), 'false',
          'usage now is recorded');
SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'api_call') $$, '42501', NULL,
                 'b cannot record a''s usage (42501)');

SELECT * FROM finish();
ROLLBACK;
