-- monay.process_monthly_billing and its steps (billing_run_start, billing_run_batch, billing_run_finish).
-- The committing run itself (kill, rerun, two runs at once) is tested by tests/test_billing_monthly_run.py.
BEGIN;
SELECT plan(20);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('c', 'enterprise');
SELECT tests.billing_tenant('f', 'free');
SELECT tests.billing_tenant('late', 'free', '2025-02-01 00:00+00');
SELECT tests.billing_tenant('gone', 'free', '2024-01-01', 'closed');
UPDATE monay.tenants SET status_changed_at = '2024-06-01' WHERE id = tests.id('gone');

SELECT ok(EXISTS (SELECT 1 FROM pg_proc WHERE oid = 'monay.process_monthly_billing(date)'::regprocedure AND prokind = 'p'),
          'process_monthly_billing(date) is a procedure');
SELECT ok(NOT (SELECT prosecdef FROM pg_proc WHERE oid = 'monay.process_monthly_billing(date)'::regprocedure),
          'it is SECURITY INVOKER (a SECURITY DEFINER procedure may not commit)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay.process_monthly_billing(date)', 'EXECUTE'),
          'monay_app may not run it');

SELECT tests.act_as_platform();
SELECT throws_ok($$ CALL monay.process_monthly_billing('2025-01-01') $$, '2D000', NULL,
                 'inside a transaction block it refuses to run (it commits per batch)');
SELECT throws_ok($$ CALL monay.process_monthly_billing(now()::date) $$, 'MT407', NULL,
                 'the current month is refused before anything is written');
SELECT throws_ok($$ CALL monay.process_monthly_billing(NULL) $$, '22023', NULL, 'a NULL period is refused');
SELECT tests.act_as('b');
SELECT throws_ok($$ CALL monay.process_monthly_billing('2025-01-01') $$, '42501', NULL,
                 'the application role cannot call it');

-- The steps, as the procedure runs them (each batch would be committed).
SELECT tests.as_superuser();
UPDATE monay.settings SET value = '2' WHERE key = 'BILLING_RUN_BATCH_SIZE';
SELECT tests.act_as_platform();
CREATE TEMP TABLE run ON COMMIT DROP AS SELECT monay.billing_run_start('2025-01-20') AS v;
SELECT is((SELECT v - 'run_id' FROM run), '{"period": "2025-01-01", "tenants_total": 3, "already_billed": 0}'::jsonb,
          'a run counts the tenants of the month (not one created later, not one closed before)');
CREATE TEMP TABLE b1 ON COMMIT DROP AS
SELECT monay.billing_run_batch((SELECT (v ->> 'run_id')::bigint FROM run), NULL) AS v;
SELECT is((SELECT (v ->> 'billed')::int FROM b1), 2, 'a batch bills BILLING_RUN_BATCH_SIZE tenants');
CREATE TEMP TABLE b2 ON COMMIT DROP AS
SELECT monay.billing_run_batch((SELECT (v ->> 'run_id')::bigint FROM run), (SELECT (v ->> 'last_tenant_id')::uuid FROM b1)) AS v;
SELECT is((SELECT (v ->> 'billed')::int FROM b2), 1, 'the next batch bills the rest');
SELECT is((SELECT v ->> 'last_tenant_id' FROM monay.billing_run_batch((SELECT (v ->> 'run_id')::bigint FROM run),
                                                                       (SELECT (v ->> 'last_tenant_id')::uuid FROM b2)) v),
          NULL, 'then nothing is left');
SELECT is((SELECT (v ->> 'billed')::int FROM monay.billing_run_batch((SELECT (v ->> 'run_id')::bigint FROM run), NULL) v), 0,
          'starting again from the beginning bills nobody twice');
SELECT is((SELECT r.tenants_billed_before FROM monay.billing_runs r WHERE r.id = (SELECT (v ->> 'run_id')::bigint FROM run)),
          0::bigint, 'the run recorded that none of its tenants had a bill when it started');
-- So its batches do not look for bills (migration 024): walked again, its tenants are passed
-- over by the INSERT (ON CONFLICT) and counted skipped by the per-tenant path.
SELECT is((SELECT v - 'run_id' - 'seconds' FROM monay.billing_run_finish((SELECT (v ->> 'run_id')::bigint FROM run)) v),
          '{"period": "2025-01-01", "tenants_total": 3, "tenants_billed": 3, "tenants_skipped": 2, "batches": 4,
            "billed_in_period": 3, "remaining": 0, "tenants_failed": 0, "failures": []}'::jsonb, 'the run''s counts');
SELECT is((SELECT count(*) FROM monay.billing_metrics WHERE period = '2025-01-01'), 3::bigint, 'three bills');
SELECT is((SELECT status FROM monay.billing_metrics WHERE tenant_id = tests.id('f') AND period = '2025-01-01'), 'paid',
          'a bill of 0 is paid at once');
-- A run started again (a rerun after a crash) records the bills already there, and its batches
-- look for them first: neither billed again nor counted.
CREATE TEMP TABLE run2 ON COMMIT DROP AS SELECT monay.billing_run_start('2025-01-20') AS v;
SELECT is((SELECT r.tenants_billed_before FROM monay.billing_runs r WHERE r.id = (SELECT (v ->> 'run_id')::bigint FROM run2)),
          3::bigint, 'a run started again records how many of its tenants were billed');
SELECT is((SELECT (v ->> 'billed')::int + (v ->> 'skipped')::int + (v ->> 'failed')::int
           FROM monay.billing_run_batch((SELECT (v ->> 'run_id')::bigint FROM run2), NULL) v), 0,
          'its batches pass over the tenants billed before without pricing them or counting them');
SELECT throws_ok($$ SELECT monay.billing_run_batch(-1, NULL) $$, '22023', NULL, 'an unknown run');
SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay.billing_run_start('2025-01-01') $$, '42501', NULL, 'the steps are platform only');

SELECT * FROM finish();
ROLLBACK;
