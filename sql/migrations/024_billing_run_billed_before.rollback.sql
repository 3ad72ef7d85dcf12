-- Undo 024_billing_run_billed_before: the column goes (a catalog change). The new code's
-- monay.billing_run_start writes it: re-apply the previous code's sql/functions afterwards
-- (`monaydb migrate` does), whose batches always probe.
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

ALTER TABLE monay.billing_runs DROP COLUMN tenants_billed_before;
