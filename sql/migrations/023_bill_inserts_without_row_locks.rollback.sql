-- Undo 023_bill_inserts_without_row_locks: the foreign keys from bills to tenants and runs come back, NOT
-- VALID so that no scan of every bill runs under the lock that adding it takes (new bills are
-- checked at once; the bills stored meanwhile all name a tenant and a run that exist: the
-- trigger dropped here refused every tenant delete, and runs' DELETE policy refuses them all).
-- Validate them online afterwards if wanted:
--   ALTER TABLE monay.billing_metrics VALIDATE CONSTRAINT billing_metrics_tenant_id_fkey;
--   ALTER TABLE monay.billing_metrics VALIDATE CONSTRAINT billing_metrics_run_id_fkey;
-- The trigger refusing tenant deletes goes, and the run's batch is 500 again where it is the
-- 2,000 that 023 set.
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

DROP TRIGGER tenants_050_never_deleted ON monay.tenants;
DROP FUNCTION monay_private.tenants_never_deleted();

ALTER TABLE monay.billing_metrics
    ADD CONSTRAINT billing_metrics_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants (id) NOT VALID,
    ADD CONSTRAINT billing_metrics_run_id_fkey FOREIGN KEY (run_id) REFERENCES monay.billing_runs (id) NOT VALID;
COMMENT ON COLUMN monay.billing_metrics.tenant_id IS NULL;
COMMENT ON COLUMN monay.billing_metrics.run_id IS NULL;

-- Settings change in the platform context only (policy settings_update); the change is audited.
SELECT monay_private.set_context(NULL, NULL, true);
UPDATE monay.settings SET value = '500'
WHERE key = 'BILLING_RUN_BATCH_SIZE' AND value = '2000'::jsonb;
