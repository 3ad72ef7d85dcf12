-- Issue 16, items 2 and 5: advisory locks are reserved to the schema owner
-- (no application can take or hold a tenant's billing locks), and what one
-- statement locks is bounded whatever its size.
BEGIN;
SELECT plan(9);

SELECT is((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'pg_catalog'::regnamespace
           AND (p.proname LIKE 'pg\_advisory\_%' OR p.proname LIKE 'pg\_try\_advisory\_%')
           AND has_function_privilege('public', p.oid, 'EXECUTE')), 0::bigint,
          'no pg_advisory_* / pg_try_advisory_* function is executable by PUBLIC');
SELECT ok((SELECT bool_and(has_function_privilege('monay_owner', p.oid, 'EXECUTE')) FROM pg_proc p
           WHERE p.pronamespace = 'pg_catalog'::regnamespace
             AND (p.proname LIKE 'pg\_advisory\_%' OR p.proname LIKE 'pg\_try\_advisory\_%')),
          'monay_owner (our SECURITY DEFINER functions) may use them');

SELECT tests.billing_tenant('al_a', 'small_business');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT pg_advisory_lock(1296253249, 1) $$, '42501', NULL,
                 'with no context the application cannot take a billing lock (42501)');
SELECT tests.act_as('al_a');
SELECT throws_ok($$ SELECT pg_advisory_xact_lock_shared(1296253207, 1) $$, '42501', NULL,
                 'nor a tenant''s application');
SELECT throws_ok($$ SELECT pg_try_advisory_lock(1) $$, '42501', NULL, 'nor a try-lock');
SELECT lives_ok($$ SELECT monay.track_operation(tests.id('al_a'), 'transfer') $$,
                'track_operation still takes its locks (as the owner)');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT pg_advisory_lock(1) $$, '42501', NULL, 'nor the platform role');

-- A bulk raw insert for 600 tenants (2 operations each) holds at most 256 period
-- locks (month x tenant bucket), not one per tenant.
SELECT tests.as_superuser();
INSERT INTO monay.tenants (name) SELECT 'al_bulk_' || i FROM generate_series(1, 600) i;
SELECT tests.act_as_platform();
INSERT INTO monay.billing_operations (tenant_id, operation_type)
SELECT t.id, 'api_call' FROM monay.tenants t CROSS JOIN generate_series(1, 2) WHERE t.name LIKE 'al\_bulk\_%';
SELECT cmp_ok((SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
               AND classid::bigint = 1296253249), '<=', 256::bigint,
              'a raw insert for 600 tenants holds at most 256 billing period locks');
SELECT cmp_ok((SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
               AND classid::bigint = 1296253249), '>', 100::bigint, '(it does take the locks: buckets, shared)');

SELECT * FROM finish();
ROLLBACK;
