-- The monthly run's batches skip a probe when they can (issue 13, fourth round). Each batch
-- looked up every candidate tenant in the month's bills (NOT EXISTS on billing_metrics), so that
-- a run resumed after a crash passes over what the first run billed. When the run's part had no
-- bill at all when it started, that probe finds nothing for a run's whole life except bills that
-- another writer stores meanwhile, which the batch's INSERT ... ON CONFLICT DO NOTHING passes
-- over anyway (the per-tenant path then counts them skipped). billing_run_start now records how
-- many of the part's tenants were billed when it started; monay.billing_run_batch probes only
-- when that is not 0 (or unknown: NULL, the runs recorded before this migration).
-- Online-safe: a nullable column without a default is a catalog change only.
-- depends: 023_bill_inserts_without_row_locks

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

ALTER TABLE monay.billing_runs ADD COLUMN tenants_billed_before bigint;
COMMENT ON COLUMN monay.billing_runs.tenants_billed_before IS
    'Bills of the run''s tenants (its part''s) that existed when it started; 0 lets its batches skip the '
    'not-billed-yet probe (a bill stored meanwhile is passed over by ON CONFLICT). NULL: recorded before 024.';
