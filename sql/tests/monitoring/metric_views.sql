-- The metric views of monay_monitor, read as monay_monitor: tenants by tier and
-- status, counters, table activity, usage this month, refusals of the last hour,
-- billing failures, the monthly runs and last month's bills. Fixtures are written
-- as the superuser (rows a month, a run or a failure would leave); the months are
-- relative to now (tests.this_month / tests.last_month).
BEGIN;
SELECT plan(33);

SELECT is_definer('monay_monitor', 'refusals_last_hour', ARRAY[]::text[], 'refusals_last_hour is SECURITY DEFINER');
SELECT is_definer('monay_monitor', 'billing_run_state', ARRAY[]::text[], 'billing_run_state is SECURITY DEFINER');
SELECT is_definer('monay_monitor', 'last_month_bills', ARRAY[]::text[], 'last_month_bills is SECURITY DEFINER');

SELECT tests.billing_tenant('mv_sb', 'small_business');
SELECT tests.billing_tenant('mv_ent', 'enterprise');
SELECT tests.billing_tenant('mv_free', 'free');
SELECT tests.billing_tenant('mv_susp', 'free', '2024-01-01', 'suspended');

-- Usage this month, through the real function.
SELECT tests.act_as('mv_sb');
SELECT lives_ok($$ SELECT monay.track_operation(tests.id('mv_sb'), 'transfer', 10001) $$,
                'small_business tenant: 10,001 transfers (one over its allowance)');
SELECT tests.act_as('mv_free');
SELECT lives_ok($$ SELECT monay.track_operation(tests.id('mv_free'), 'kyc_check', 2) $$, 'free tenant: 2 kyc checks');
SELECT tests.as_superuser();

-- Refusals: two cross-tenant switches and a bad token in the last hour, one two hours ago.
INSERT INTO monay.audit_log (occurred_at, tenant_id, action, detail) VALUES
    (now() - interval '5 minutes', tests.id('mv_sb'), 'switch_refused', '{"sqlstate": "MT204"}'),
    (now() - interval '50 minutes', tests.id('mv_ent'), 'switch_refused', '{"sqlstate": "MT204"}'),
    (now() - interval '1 minute', NULL, 'auth_refused', '{"sqlstate": "MT201"}'),
    (now() - interval '2 hours', tests.id('mv_sb'), 'auth_refused', '{"sqlstate": "MT204"}');

-- Billing failures: three recent, one old.
INSERT INTO monay_private.billing_failures (failed_at, source, tenant_id, period, sqlstate, message) VALUES
    (now(), 'track_operation', tests.id('mv_free'), tests.this_month(), 'MT402', 'free allowance'),
    (now(), 'track_operation', tests.id('mv_free'), tests.this_month(), 'MT402', 'free allowance'),
    (now(), 'monthly_run', tests.id('mv_sb'), tests.last_month(), 'XX000', 'boom'),
    (now() - interval '3 hours', 'payment', tests.id('mv_sb'), NULL, 'MT405', 'fiat');

-- Monthly runs: last month finished; an older month whose run died (backend
-- gone) and was never finished; one in progress in this backend.
INSERT INTO monay.billing_runs (period, started_at, finished_at, backend_pid, tenants_total, tenants_billed)
VALUES ((tests.last_month() - interval '1 month')::date, now() - interval '40 days', NULL, 0, 10, 4),
       (tests.last_month(), now() - interval '2 hours', now() - interval '1 hour', 0, 3, 3);
INSERT INTO monay.billing_runs (period, started_at, finished_at, tenants_total, tenants_billed)
VALUES ((tests.last_month() - interval '2 months')::date, now(), NULL, 5, 1);

-- Last month's bills (written as the monthly run would, guards off): one below its floor.
SET LOCAL session_replication_role = replica;
INSERT INTO monay.billing_metrics (tenant_id, period, tier, status, days_in_period, transactions_included,
    transactions_used, computation_units_included, computation_units_used, base_fee_cents,
    overage_transactions_cents, overage_computation_units_cents, total_before_discount_cents,
    usdxm_discount_cents, total_cents, cost_cents, gross_margin_percent, bill)
VALUES (tests.id('mv_sb'), tests.last_month(), 'small_business', 'finalized', 30, 10000, 5, 100000, 5,
        4900, 0, 0, 4900, 490, 4410, 1, 99.98, '{}'),
       (tests.id('mv_ent'), tests.last_month(), 'enterprise', 'finalized', 30, 100000, 5, 1000000, 5,
        49900, 0, 0, 49900, 4990, 44910, 40000, 10.93, '{}'),
       (tests.id('mv_free'), tests.last_month(), 'free', 'void', 30, 1000, 5, 10000, 5,
        0, 0, 0, 0, 0, 0, 0, NULL, '{}');
SET LOCAL session_replication_role = origin;

SET LOCAL ROLE monay_monitor;

SELECT set_eq($$ SELECT tier, status, tenants FROM monay_monitor.tenants $$,
              $$ VALUES ('small_business', 'active', 1::bigint), ('enterprise', 'active', 1::bigint),
                        ('free', 'active', 1::bigint), ('free', 'suspended', 1::bigint) $$,
              'tenants by tier and status');

SELECT is((SELECT tenants_created_total FROM monay_monitor.counters), 4::bigint,
          'tenants created: the tenant code sequence');
SELECT is((SELECT billing_failures_total FROM monay_monitor.counters), 4::bigint,
          'billing failures total: the newest failure id (4 recorded in this database)');

SELECT is((SELECT transactions FROM monay_monitor.usage_this_month WHERE tier = 'small_business'), 10001::bigint,
          'this month''s transactions of small_business');
SELECT is((SELECT overage_cents FROM monay_monitor.usage_this_month WHERE tier = 'small_business'), 2::bigint,
          'one transaction over the allowance: 2 cents of overage at list price');
SELECT is((SELECT base_fee_cents FROM monay_monitor.usage_this_month WHERE tier = 'small_business'), 4900::bigint,
          'base fees of the active small_business tenants: $49');
SELECT is((SELECT base_fee_cents FROM monay_monitor.usage_this_month WHERE tier = 'enterprise'), 49900::bigint,
          'base fees of the active enterprise tenants: $499 (no usage yet)');
SELECT is((SELECT computation_units FROM monay_monitor.usage_this_month WHERE tier = 'free'), 1000::bigint,
          'this month''s units of free: 2 kyc checks');
SELECT is((SELECT tenants_with_usage FROM monay_monitor.usage_this_month WHERE tier = 'enterprise'), 0::bigint,
          'a tier without usage still has its row');

SELECT set_eq($$ SELECT action, sqlstate, refusals FROM monay_monitor.refusals $$,
              $$ VALUES ('switch_refused', 'MT204', 2::bigint), ('auth_refused', 'MT201', 1::bigint) $$,
              'refusals of the last hour by action and SQLSTATE (the older one is left out)');

SELECT set_eq($$ SELECT source, last_hour FROM monay_monitor.billing_failures_recent $$,
              $$ VALUES ('track_operation', 2::bigint), ('monthly_run', 1::bigint) $$,
              'billing failures of the last hour by source');

SELECT is((SELECT last_run_period FROM monay_monitor.billing_runs),
          to_char((tests.last_month() - interval '2 months'), 'YYYY-MM'), 'the last run is the newest row');
SELECT is((SELECT last_run_finished_seconds FROM monay_monitor.billing_runs), 0::double precision,
          'an unfinished last run reports 0 as its end');
SELECT is((SELECT unfinished_alive FROM monay_monitor.billing_runs), 1::bigint,
          'the run of this live backend is in progress');
SELECT is((SELECT stalled FROM monay_monitor.billing_runs), 1::bigint,
          'the dead, never finished run is stalled');
SELECT is((SELECT previous_month_finished FROM monay_monitor.billing_runs), 1, 'last month has a finished run');
SELECT ok((SELECT oldest_unfinished_age_seconds FROM monay_monitor.billing_runs) < 3600,
          'the age of the run in progress');

SELECT set_eq($$ SELECT tier, bills, total_cents, cost_cents, below_margin_floor FROM monay_monitor.bills_last_month $$,
              $$ VALUES ('small_business', 1::bigint, 4410::bigint, 1::bigint, 0::bigint),
                        ('enterprise', 1::bigint, 44910::bigint, 40000::bigint, 1::bigint) $$,
              'last month''s bills by tier, void ones left out, one enterprise bill below its 70% floor');

SELECT ok((SELECT rows_inserted >= 0 AND rows_estimate >= 0 AND total_bytes > 0 FROM monay_monitor.table_activity
           WHERE table_name = 'tenants'), 'table activity: tenants and their bytes (counts flush at commit)');
SELECT ok((SELECT rows_inserted FROM monay_monitor.table_activity WHERE table_name = 'billing_operations') IS NOT NULL,
          'table activity adds the partitions of billing_operations up to their parent');
SELECT is((SELECT count(*) FROM monay_monitor.table_activity), 12::bigint, 'table activity covers the 12 tables');

-- No view shows one tenant: no tenant id column anywhere in the schema.
RESET ROLE;
SELECT is(ARRAY(SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'monay_monitor' AND (column_name LIKE '%tenant_id%' OR data_type = 'uuid')),
          '{}'::text[], 'no view of monay_monitor has a tenant id or any uuid column');

-- Last month unbilled: the alert's input goes to 0.
DELETE FROM monay.billing_runs WHERE period = tests.last_month();
SET LOCAL ROLE monay_monitor;
SELECT is((SELECT previous_month_finished FROM monay_monitor.billing_runs), 0,
          'without a finished run last month is reported unbilled');

-- Another tenant's app role sees none of it.
SELECT tests.act_as('mv_sb');
SELECT throws_ok($$ SELECT * FROM monay_monitor.tenants $$, '42501', NULL, 'the app role cannot read the metric views');
SELECT throws_ok($$ SELECT * FROM monay_monitor.refusals_last_hour() $$, '42501', NULL,
                 'the app role cannot call the readers: refusals_last_hour');
SELECT throws_ok($$ SELECT * FROM monay_monitor.billing_run_state() $$, '42501', NULL,
                 'the app role cannot call the readers: billing_run_state');
SELECT throws_ok($$ SELECT * FROM monay_monitor.last_month_bills() $$, '42501', NULL,
                 'the app role cannot call the readers: last_month_bills');
SELECT tests.act_as_platform();
SELECT is((SELECT sum(refusals) FROM monay_monitor.refusals), 3::numeric, 'the platform reads the same views');

SELECT * FROM finish();
ROLLBACK;
