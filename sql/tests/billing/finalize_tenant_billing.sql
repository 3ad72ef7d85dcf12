-- monay.finalize_tenant_billing: one tenant's month, exactly once; the stored bill is immutable.
BEGIN;
SELECT plan(17);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('c', 'enterprise');

SELECT has_function('monay', 'finalize_tenant_billing', ARRAY['uuid', 'date'], 'finalize_tenant_billing(uuid, date) exists');

SELECT tests.act_as('b');
SELECT tests.billing_usage('b', '2025-01-01', '[{"operation_type": "transfer", "quantity": 10010}]');
SELECT tests.act_as_platform();
CREATE TEMP TABLE f1 ON COMMIT DROP AS SELECT monay.finalize_tenant_billing(tests.id('b'), '2025-01-15') AS v;
SELECT is((SELECT v ->> 'created' FROM f1), 'true', 'the first call finalizes the month');
SELECT is((SELECT v ->> 'status' FROM f1), 'finalized', 'status finalized');
SELECT is((SELECT v #>> '{costs,total_before_discount_cents}' FROM f1), '4920', 'base 4900 + 10 x 2');
SELECT is(monay.finalize_tenant_billing(tests.id('b'), '2025-01-01') ->> 'created', 'false',
          'a second call bills nobody twice and returns the stored bill');
SELECT is((SELECT count(*) FROM monay.billing_metrics WHERE tenant_id = tests.id('b')), 1::bigint, 'one row');
SELECT is((SELECT (computation_units_used, transactions_used, total_cents)::text FROM monay.billing_metrics
           WHERE tenant_id = tests.id('b')), '(10010,10010,4428)', 'the row holds usage and totals');

-- Immutable: corrections are adjustment rows, never edits.
SELECT tests.as_superuser();
SELECT throws_ok($$ UPDATE monay.billing_metrics SET total_cents = 1, total_before_discount_cents = 1,
                    base_fee_cents = 1, overage_transactions_cents = 0, usdxm_discount_cents = 0
                    WHERE tenant_id = tests.id('b') $$, 'MT408', NULL,
                 'the amounts of a finalized bill cannot change (even for a superuser)');
SELECT throws_ok($$ DELETE FROM monay.billing_metrics WHERE tenant_id = tests.id('b') $$, 'MT408', NULL,
                 'a finalized bill cannot be deleted');
SELECT throws_ok($$ UPDATE monay.billing_metrics SET status = 'draft' WHERE tenant_id = tests.id('b') $$, 'MT408', NULL,
                 'a finalized bill cannot go back to draft');
SELECT tests.act_as('b');
SELECT throws_ok($$ UPDATE monay.billing_metrics SET status = 'void' $$, '42501', NULL,
                 'the application cannot write bills at all');

SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.finalize_tenant_billing(tests.id('b'), now()::date) $$, 'MT407', NULL,
                 'the current month cannot be finalized before it ends');
SELECT throws_ok($$ SELECT monay.finalize_tenant_billing(tests.id('ghost'), '2025-01-01') $$, 'MT301', NULL,
                 'unknown tenant');
SELECT throws_ok($$ SELECT monay.finalize_tenant_billing(tests.id('b'), NULL) $$, '22023', NULL, 'NULL period');
SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay.finalize_tenant_billing(tests.id('b'), '2025-02-01') $$, '42501', NULL,
                 'a tenant cannot finalize its own bill (platform only)');
SELECT tests.act_as_tenant_job('c');
SELECT throws_ok($$ SELECT monay.finalize_tenant_billing(tests.id('c'), '2025-02-01') $$, '42501', NULL,
                 'nor a platform job inside one tenant');
SELECT tests.act_as('c');
SELECT is_empty($$ SELECT 1 FROM monay.billing_metrics WHERE tenant_id = tests.id('b') $$,
                'tenant c sees none of tenant b''s bills');

SELECT * FROM finish();
ROLLBACK;
