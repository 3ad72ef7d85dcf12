-- monay_private.billing_period_start: any day of a month names that month; 22023 for NULL or out of range.
-- Internal (only monay_owner may execute it): called as the test superuser.
BEGIN;
SELECT plan(9);

SELECT has_function('monay_private', 'billing_period_start', ARRAY['date', 'text'], 'billing_period_start(date, text) exists');
SELECT isnt_definer('monay_private', 'billing_period_start', ARRAY['date', 'text'], 'billing_period_start is SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_period_start(date, text)', 'EXECUTE'),
          'monay_app cannot execute billing_period_start');

SELECT is(monay_private.billing_period_start('2025-02-17', 'op'), '2025-02-01'::date, 'a day of February names February');
SELECT results_eq($$ SELECT monay_private.billing_period_start(d, 'op') FROM unnest(ARRAY['2000-01-01', '9999-11-30']::date[]) d $$,
                  $$ VALUES ('2000-01-01'::date), ('9999-11-01'::date) $$, 'both ends of the range are accepted');
SELECT throws_ok($$ SELECT monay_private.billing_period_start(NULL, 'my_op') $$, '22023', 'my_op: p_period must not be NULL',
                 'NULL raises 22023 naming the operation');
SELECT throws_ok($$ SELECT monay_private.billing_period_start('1999-12-31', 'my_op') $$, '22023',
                 'my_op: period 1999-12-31 is out of range (2000-01 to 9999-11)', 'before 2000 raises 22023 naming the value');
SELECT throws_ok($$ SELECT monay_private.billing_period_start('9999-12-01', 'op') $$, '22023', NULL,
                 'December 9999 (no next month) raises 22023');
SELECT throws_ok($$ SELECT monay_private.billing_period_start('-infinity', 'op') $$, '22023', NULL,
                 '-infinity raises 22023');

SELECT * FROM finish();
ROLLBACK;
