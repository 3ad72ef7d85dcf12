-- monay_private.billing_period_for: the month (UTC) that counts an operation under the
-- late-usage rule (issue 16: last month counts its own usage until billed; anything older, or
-- billed, counts in the running month, late; nothing before the tenant existed); takes the
-- shared period lock. Internal (only monay_owner may execute it): called as the test superuser
-- in the platform context (the definer's RLS then shows every tenant and bill).
BEGIN;
SELECT plan(13);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('c', 'small_business');

SELECT has_function('monay_private', 'billing_period_for', ARRAY['uuid', 'timestamptz'], 'billing_period_for(uuid, timestamptz) exists');
SELECT isnt_definer('monay_private', 'billing_period_for', ARRAY['uuid', 'timestamp with time zone'],
                    'billing_period_for is SECURITY INVOKER (run as the owner by its SECURITY DEFINER callers)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_period_for(uuid, timestamptz)', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.billing_period_for(uuid, timestamptz)', 'EXECUTE'),
          'neither monay_app nor monay_platform can execute billing_period_for');

SELECT tests.act_as_platform();
SELECT tests.as_superuser();
SELECT is((SELECT (period, late) FROM monay_private.billing_period_for(tests.id('b'), now())), (tests.this_month(), false),
          'an operation of the running month counts in it, not late');
SELECT ok(EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                  AND classid = 1296253249 AND objsubid = 2 AND mode = 'ShareLock'
                  AND objid::bigint = monay_private.billing_period_lock_key(tests.id('b'), tests.this_month())::bigint
                                      & 4294967295),
          'it holds the shared billing period lock (kind 1296253249, key of month and tenant bucket)');
SELECT is((SELECT (period, late) FROM monay_private.billing_period_for(tests.id('b'),
              (tests.this_month()::timestamp AT TIME ZONE INTERVAL '-02:00') - interval '90 minutes')),
          (tests.this_month(), false), 'the month is the UTC one (late evening of last month at UTC-2 is this month)');
SELECT is((SELECT (period, late) FROM monay_private.billing_period_for(tests.id('b'), tests.last_month() + interval '14 days')),
          (tests.last_month(), false), 'usage of last month, not billed yet, counts in it, not late');
SELECT is((SELECT (period, late) FROM monay_private.billing_period_for(tests.id('b'), '2025-01-15')),
          (tests.this_month(), true), 'usage older than last month counts late in the running month');

SELECT tests.billing_finalize('b', tests.last_month());
SELECT tests.act_as_platform();
SELECT tests.as_superuser();
SELECT is((SELECT (period, late) FROM monay_private.billing_period_for(tests.id('b'), tests.last_month() + interval '14 days')),
          (tests.this_month(), true), 'usage of a billed month counts late in the running month');
SELECT is((SELECT (period, late) FROM monay_private.billing_period_for(tests.id('c'), tests.last_month() + interval '14 days')),
          (tests.last_month(), false), 'b''s bills do not move tenant c''s usage');
SELECT throws_ok($$ SELECT monay_private.billing_period_for(tests.id('c'), '2023-12-31 23:59:59+00') $$, 'MT415', NULL,
                 'usage before the tenant was created is refused (MT415)');
SELECT throws_ok($$ SELECT monay_private.billing_period_for(tests.id('c'), '-infinity') $$, 'MT415', NULL,
                 'a time that is not finite is refused (MT415)');

-- The lock's second key: the month as ISO text whatever the session's DateStyle (the monthly
-- run and the usage path must compute the same key), from immutable parts (inlined).
SET LOCAL datestyle = 'SQL, DMY';
SELECT is(monay_private.billing_period_lock_key(tests.id('b'), '2026-03-01'),
          hashtext('2026-03-01:' || (hashtext(tests.id('b')::text) & 255)::text),
          'billing_period_lock_key is the ISO month and the tenant bucket, under any DateStyle');
RESET datestyle;

SELECT * FROM finish();
ROLLBACK;
