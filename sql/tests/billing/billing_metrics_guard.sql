-- monay_private.billing_metrics_guard (BEFORE UPDATE/DELETE trigger on monay.billing_metrics):
-- a bill that is not a draft keeps its amounts and is never deleted (MT408); only status
-- (finalized -> paid/void, paid -> finalized), payment_method and paid_at move. Tested through
-- the table as superuser (the trigger holds for everyone; the application cannot write bills).
BEGIN;
SELECT plan(12);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_finalize('b', '2025-01-01');
-- A draft copy of the bill for February (drafts are not guarded).
CREATE TEMP TABLE d AS SELECT * FROM monay.billing_metrics WHERE tenant_id = tests.id('b');
UPDATE d SET period = '2025-02-01', status = 'draft';
INSERT INTO monay.billing_metrics SELECT * FROM d;

SELECT trigger_is('monay', 'billing_metrics', 'billing_metrics_guard', 'monay_private', 'billing_metrics_guard',
                  'billing_metrics carries the guard');
SELECT isnt_definer('monay_private', 'billing_metrics_guard', '{}'::text[], 'billing_metrics_guard is SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_metrics_guard()', 'EXECUTE'),
          'monay_app cannot execute billing_metrics_guard');

SELECT throws_ok($$ UPDATE monay.billing_metrics SET transactions_used = 1 WHERE tenant_id = tests.id('b') AND period = '2025-01-01' $$,
                 'MT408', NULL, 'a finalized bill''s usage cannot change (MT408)');
SELECT throws_ok($$ UPDATE monay.billing_metrics SET bill = '{"x": 1}' WHERE tenant_id = tests.id('b') AND period = '2025-01-01' $$,
                 'MT408', NULL, 'nor its stored bill document (MT408)');
SELECT throws_ok($$ DELETE FROM monay.billing_metrics WHERE tenant_id = tests.id('b') AND period = '2025-01-01' $$,
                 'MT408', NULL, 'a finalized bill cannot be deleted (MT408)');
SELECT lives_ok($$ UPDATE monay.billing_metrics SET status = 'paid', paid_at = now(), payment_method = 'USDT'
                   WHERE tenant_id = tests.id('b') AND period = '2025-01-01' $$,
                'finalized -> paid with paid_at and a payment method is allowed');
SELECT lives_ok($$ UPDATE monay.billing_metrics SET status = 'finalized', paid_at = NULL
                   WHERE tenant_id = tests.id('b') AND period = '2025-01-01' $$,
                'paid -> finalized (an adjustment reopens it) is allowed');
SELECT lives_ok($$ UPDATE monay.billing_metrics SET status = 'void' WHERE tenant_id = tests.id('b') AND period = '2025-01-01' $$,
                'finalized -> void is allowed');
SELECT throws_ok($$ UPDATE monay.billing_metrics SET status = 'finalized' WHERE tenant_id = tests.id('b') AND period = '2025-01-01' $$,
                 'MT408', NULL, 'a void bill stays void (MT408)');

SELECT lives_ok($$ UPDATE monay.billing_metrics SET transactions_used = 7 WHERE tenant_id = tests.id('b') AND period = '2025-02-01' $$,
                'a draft''s amounts may change');
SELECT lives_ok($$ DELETE FROM monay.billing_metrics WHERE tenant_id = tests.id('b') AND period = '2025-02-01' $$,
                'a draft may be deleted');

SELECT * FROM finish();
ROLLBACK;
