-- monay_private.billing_period_for: the month (UTC) that counts an operation, late usage moved
-- to the first unbilled later month; takes the shared period lock.
-- Internal (only monay_owner may execute it): called as the test superuser (in the platform
-- context that tests.billing_finalize leaves behind, so the definer's RLS shows every bill).
BEGIN;
SELECT plan(9);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('c', 'small_business');

SELECT has_function('monay_private', 'billing_period_for', ARRAY['uuid', 'timestamptz'], 'billing_period_for(uuid, timestamptz) exists');
SELECT is_definer('monay_private', 'billing_period_for', ARRAY['uuid', 'timestamp with time zone'], 'billing_period_for is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_period_for(uuid, timestamptz)', 'EXECUTE'),
          'monay_app cannot execute billing_period_for');

SELECT is((SELECT (period, late) FROM monay_private.billing_period_for(tests.id('b'), now())), (tests.this_month(), false),
          'an operation of the running month counts in it, not late');
SELECT ok(EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                  AND classid = 1296253249 AND objsubid = 2 AND mode = 'ShareLock'),
          'it holds the shared billing period lock (kind 1296253249)');
SELECT is((SELECT (period, late) FROM monay_private.billing_period_for(tests.id('b'), '2025-01-31 23:30-02')),
          ('2025-02-01'::date, false), 'the month is the UTC one (23:30 at UTC-2 on Jan 31 is February)');

-- January and February 2025 of b are billed: January usage moves to March, late.
SELECT tests.billing_finalize('b', '2025-01-01');
SELECT tests.billing_finalize('b', '2025-02-01');
SELECT is((SELECT (period, late) FROM monay_private.billing_period_for(tests.id('b'), '2025-01-15')),
          ('2025-03-01'::date, true), 'usage of a billed month counts late in the first unbilled later month');
SELECT is((SELECT (period, late) FROM monay_private.billing_period_for(tests.id('b'), '2025-03-15')),
          ('2025-03-01'::date, false), 'usage of an unbilled past month counts in it, not late');
SELECT is((SELECT (period, late) FROM monay_private.billing_period_for(tests.id('c'), '2025-01-15')),
          ('2025-01-01'::date, false), 'b''s bills do not move tenant c''s usage');

SELECT * FROM finish();
ROLLBACK;
