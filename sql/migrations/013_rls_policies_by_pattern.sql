-- The tenancy and billing tables' policies, recreated through monay_private.apply_rls
-- (003a) from named patterns: the same predicates as before (the schema dump differs only
-- by each policy's comment naming its pattern), written once. Online-safe: policies are
-- catalog entries; each table's swap takes a short ACCESS EXCLUSIVE lock in this one
-- transaction, bounded by lock_timeout (retry the migration if it times out).
-- Not here: users, audit_log and settings keep their own hand-written policies (they are
-- not tenant rows: users are visible through memberships, the audit log takes inserts from
-- anyone's refusals, settings are global); the platform tables get theirs from 006.
-- depends: 005_billing_infrastructure 003a_rls_helper

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '1min';
SET LOCAL ROLE monay_owner;

DO $$
BEGIN
    PERFORM monay_private.apply_rls('monay.tenants', 'tenant_read_write', 'id',
        '(SELECT monay.current_tenant_id()) IS NULL AND id IN (SELECT tu.tenant_id FROM monay.tenant_users tu '
        'WHERE tu.user_id = (SELECT monay.current_user_id()) AND tu.status = ''active'')');
    PERFORM monay_private.apply_rls('monay.tenant_users', 'tenant_read_write', 'tenant_id',
        '(SELECT monay.current_tenant_id()) IS NULL AND user_id = (SELECT monay.current_user_id())');
    PERFORM monay_private.apply_rls('monay.tenant_tier_history', 'tenant_read_write');

    PERFORM monay_private.apply_rls(t, 'platform_config')
    FROM unnest(ARRAY['monay.billing_tier_config', 'monay.operation_costs',
                      'monay.stablecoin_payment_config']::regclass[]) t;
    PERFORM monay_private.apply_rls(t, 'tenant_append_only')
    FROM unnest(ARRAY['monay.billing_operations', 'monay.billing_adjustments', 'monay.payments',
                      'monay.payment_allocations']::regclass[]) t;
    PERFORM monay_private.apply_rls('monay.billing_metrics', 'tenant_no_delete');
    PERFORM monay_private.apply_rls('monay.billing_runs', 'platform_no_delete');
END
$$;

RESET ROLE;
