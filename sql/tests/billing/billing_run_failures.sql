-- Issue 16, item 3: one tenant whose bill cannot be computed (usage beyond what
-- bigint money can hold) no longer fails the monthly run for everyone: the run
-- bills the others, records the failure durably (monay_private.billing_failures,
-- through dblink: it survives the rollback) and reports it in the run's row.
-- Also monay.billing_run_retry and monay_private.record_billing_failure.
BEGIN;
SELECT plan(20);

SELECT has_function('monay', 'billing_run_retry', ARRAY['bigint', 'uuid[]'], 'billing_run_retry(bigint, uuid[]) exists');
SELECT is_definer('monay', 'billing_run_retry', ARRAY['bigint', 'uuid[]'], 'billing_run_retry is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay.billing_run_retry(bigint, uuid[])', 'EXECUTE'),
          'monay_app may not run billing_run_retry');
SELECT ok(NOT has_table_privilege('monay_app', 'monay_private.billing_failures', 'SELECT'),
          'monay_app cannot read billing_failures');

SELECT tests.billing_tenant('brf_ok1', 'small_business', '2023-05-01');
SELECT tests.billing_tenant('brf_bad', 'small_business', '2023-05-01');
SELECT tests.billing_tenant('brf_ok2', 'enterprise', '2023-05-01');
-- Usage beyond what billing can hold (as the issue's attack left it before the caps).
INSERT INTO monay_private.billing_usage_counters (tenant_id, period, tier, slot, transactions, computation_units,
                                                  operations, cost_millicents, late_transactions, late_computation_units)
VALUES (tests.id('brf_bad'), '2023-06-01', 'small_business', 0, 0, 9000000000000000000, 10000,
        90000000000000000, 0, 0);

SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.calculate_tenant_billing(tests.id('brf_bad'), '2023-06-01') $$, 'MT416', NULL,
                 'the bill beyond 10^15 cents is refused with MT416 (not 22003)');

CREATE TEMP TABLE brf_run ON COMMIT DROP AS SELECT (monay.billing_run_start('2023-06-01') ->> 'run_id')::bigint AS id;
SAVEPOINT before_batch;
CREATE TEMP TABLE brf_b ON COMMIT DROP AS SELECT monay.billing_run_batch((SELECT id FROM brf_run), NULL) AS v;
SELECT is((SELECT v - 'run_id' - 'last_tenant_id' FROM brf_b),
          '{"period": "2023-06-01", "billed": 2, "skipped": 0, "failed": 1, "busy": [], "fallback": null}'::jsonb,
          'the batch bills the two good tenants and isolates the failing one');
SELECT is((SELECT count(*) FROM monay.billing_metrics WHERE period = '2023-06-01'
           AND tenant_id IN (tests.id('brf_ok1'), tests.id('brf_ok2'))), 2::bigint, 'the good tenants have their bills');
SELECT is((SELECT count(*) FROM monay.billing_metrics WHERE period = '2023-06-01' AND tenant_id = tests.id('brf_bad')),
          0::bigint, 'the failing tenant has none');
SELECT is((SELECT tenants_failed FROM monay.billing_runs WHERE id = (SELECT id FROM brf_run)), 1::bigint,
          'the run''s row counts the failure');
SELECT is((SELECT v -> 'failures' -> 0 ->> 'sqlstate' FROM monay.billing_run_finish((SELECT id FROM brf_run)) v), 'MT416',
          'billing_run_finish reports it with its SQLSTATE');
ROLLBACK TO SAVEPOINT before_batch;
SELECT tests.as_superuser();
SELECT is((SELECT source || ' ' || sqlstate || ' ' || period FROM monay_private.billing_failures
           WHERE tenant_id = tests.id('brf_bad') AND run_id = (SELECT id FROM brf_run)),
          'monthly_run MT416 2023-06-01', 'the failure is recorded durably: it survives the rollback of the batch');
SELECT ok((SELECT message LIKE '%' || tests.id('brf_bad') || '%' FROM monay_private.billing_failures
           WHERE tenant_id = tests.id('brf_bad') AND run_id = (SELECT id FROM brf_run)), 'with its message, naming the tenant');

-- One tenant, isolated (monay_private.billing_run_tenant; 'busy' needs a second session:
-- tests/test_billing_monthly_run.py).
SELECT is_definer('monay_private', 'billing_run_tenant', ARRAY['bigint', 'uuid', 'date', 'text', 'boolean'],
                  'billing_run_tenant is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_run_tenant(bigint, uuid, date, text, boolean)',
                                     'EXECUTE'), 'monay_app cannot execute billing_run_tenant');
SELECT tests.act_as_platform();
SELECT tests.as_superuser();
SELECT is(ARRAY[monay_private.billing_run_tenant((SELECT id FROM brf_run), tests.id('brf_ok2'), '2023-06-01', '1ms', false),
                monay_private.billing_run_tenant((SELECT id FROM brf_run), tests.id('brf_ok2'), '2023-06-01', '1ms', false),
                monay_private.billing_run_tenant((SELECT id FROM brf_run), tests.id('brf_bad'), '2023-06-01', '1ms', false)],
          ARRAY['billed', 'skipped', 'failed'], 'billing_run_tenant: billed, then skipped, and failed for the bad tenant');
SELECT is(current_setting('lock_timeout'), '0', 'and the caller''s lock_timeout is restored');

-- The retry pass: a tenant that fails again is recorded again; good ones are billed.
SELECT tests.act_as_platform();
SELECT is((monay.billing_run_retry((SELECT id FROM brf_run), ARRAY[tests.id('brf_ok1'), tests.id('brf_bad')]) - 'run_id'),
          '{"period": "2023-06-01", "billed": 1, "skipped": 0, "failed": 1}'::jsonb,
          'billing_run_retry bills what it can and counts what fails');
SELECT throws_ok($$ SELECT monay.billing_run_retry(-1, '{}') $$, '22023', NULL, 'an unknown run is refused (22023)');
SELECT tests.act_as('brf_ok1');
SELECT throws_ok(format('SELECT monay.billing_run_retry(1, %L)', ARRAY[tests.id('brf_ok1')]),
                 '42501', NULL, 'the application cannot call it (42501)');
SELECT tests.as_superuser();
SELECT is(monay_private.record_billing_failure('payment', NULL, tests.id('brf_ok1'), NULL, 'MT417', 'test failure'), true,
          'record_billing_failure writes durably (true)');

SELECT * FROM finish();
ROLLBACK;
