-- Undo 013_rls_policies_by_pattern: the predicates are the ones 003 and 005 wrote, so
-- undoing it only removes the pattern comments 013 added.
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '1min';
SET LOCAL ROLE monay_owner;

DO $$
DECLARE
    v_pol record;
BEGIN
    FOR v_pol IN
        SELECT pol.polname, pol.polrelid::regclass AS tbl
        FROM pg_catalog.pg_policy pol
        WHERE pol.polrelid = ANY (ARRAY['monay.tenants', 'monay.tenant_users', 'monay.tenant_tier_history',
                                        'monay.billing_tier_config', 'monay.operation_costs',
                                        'monay.stablecoin_payment_config', 'monay.billing_operations',
                                        'monay.billing_adjustments', 'monay.payments', 'monay.payment_allocations',
                                        'monay.billing_metrics', 'monay.billing_runs']::regclass[])
    LOOP
        EXECUTE format('COMMENT ON POLICY %I ON %s IS NULL', v_pol.polname, v_pol.tbl);
    END LOOP;
END
$$;

RESET ROLE;
