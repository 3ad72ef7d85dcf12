-- Undo 005_billing_infrastructure, in reverse order: the billing functions
-- of sql/functions/billing (they depend on these tables), the tables with
-- their partitions, pg_partman, the settings and the purge registrations.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

DELETE FROM monay.settings
WHERE key IN ('BILLING_RUN_BATCH_SIZE', 'BILLING_MAX_BATCH_OPERATIONS', 'BILLING_IDEMPOTENCY_RETENTION');

SET LOCAL ROLE monay_owner;

-- Every function and procedure of the billing domain (sql/functions/billing),
-- found by name so that a file added later is covered as well; triggers go
-- with their tables below.
DO $$
DECLARE
    v_fn regprocedure;
    v_kind "char";
BEGIN
    FOR v_fn, v_kind IN
        SELECT p.oid::regprocedure, p.prokind FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE (n.nspname, p.proname) IN (
            ('monay', 'track_operation'), ('monay', 'track_operations'),
            ('monay', 'calculate_tenant_usage'), ('monay', 'calculate_tenant_billing'),
            ('monay', 'process_payment'), ('monay', 'process_payment_waterfall'),
            ('monay', 'enforce_tenant_limits'), ('monay', 'calculate_transaction_cost'),
            ('monay', 'apply_margin_markup'), ('monay', 'generate_invoice_data'),
            ('monay', 'get_billing_history'), ('monay', 'process_monthly_billing'),
            ('monay', 'finalize_tenant_billing'), ('monay', 'adjust_bill'),
            ('monay', 'purge_billing_idempotency_keys'), ('monay', 'track_demo_month'),
            ('monay', 'billing_run_start'), ('monay', 'billing_run_batch'),
            ('monay', 'billing_run_finish'))
           OR (n.nspname = 'monay_private' AND p.proname LIKE 'billing\_%')
    LOOP
        EXECUTE format('DROP %s %s CASCADE',
                       CASE v_kind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, v_fn);
    END LOOP;
END
$$;

DELETE FROM monay_private.purge_retained_tables
WHERE table_name IN ('billing_operations', 'billing_metrics', 'billing_adjustments', 'payments',
                     'payment_allocations');

DROP VIEW monay.tenant_credit_balances;
DROP TABLE monay.payment_allocations;
DROP TABLE monay.payments;
DROP TABLE monay.billing_adjustments;
DROP TABLE monay.billing_metrics;
DROP TABLE monay.billing_runs;
DROP TABLE monay_private.billing_idempotency_keys;
DROP TABLE monay_private.billing_usage_counters;
DROP TABLE monay_private.billing_tenant_state;
DELETE FROM partman.part_config WHERE parent_table = 'monay.billing_operations';
DROP TABLE monay.billing_operations;
DROP TABLE monay_private.billing_operations_template;
DROP TABLE monay.stablecoin_payment_config;
DROP TABLE monay.operation_costs;
DROP TABLE monay.billing_tier_config;

RESET ROLE;
DROP EXTENSION pg_partman;
DROP SCHEMA partman;
