-- monay_private.lock_tenant: the locked tenant row for platform status/tier changes.
BEGIN;
SELECT plan(5);

SELECT tests.make_tenant('a', 'small_business');
SELECT has_function('monay_private', 'lock_tenant', ARRAY['uuid'], 'lock_tenant(uuid) exists');
SELECT isnt_definer('monay_private', 'lock_tenant', ARRAY['uuid'],
                    'it is SECURITY INVOKER (runs inside the definer functions that call it)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.lock_tenant(uuid)', 'EXECUTE'),
          'the application role cannot call it');

-- As the superuser (only monay_owner and superusers may execute it).
SELECT is((monay_private.lock_tenant(tests.id('a'))).billing_tier, 'small_business',
          'it returns the tenant''s row');
SELECT throws_ok($$ SELECT monay_private.lock_tenant(tests.id('nobody')) $$, 'MT301', NULL,
                 'an unknown tenant raises MT301');

SELECT * FROM finish();
ROLLBACK;
