-- Trigger order in the names. Triggers of one table fire in name order within each
-- phase (BEFORE, AFTER), and monay.tenants, monay.tenant_users and monay.settings carry
-- triggers of several domains (tenancy, audit, billing, and vaults next): their names now
-- say their place, NNN in steps of 100 (100 fills defaults, 300 billing state, 500 audit,
-- 600 vaults, 700 tenancy bookkeeping), keeping today's order exactly. A rename is atomic
-- (no moment without the trigger); the function files create the triggers under the new
-- names from now on. A database whose function files were never applied has no triggers
-- to rename.
-- depends: 005_billing_infrastructure

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '1min';

DO $$
DECLARE
    v_r record;
BEGIN
    FOR v_r IN
        SELECT * FROM (VALUES
            ('monay.tenants', 'tenants_fill_defaults', 'tenants_100_fill_defaults'),
            ('monay.tenants', 'billing_tenant_state_sync', 'tenants_300_billing_state_sync'),
            ('monay.tenants', 'tenants_audit', 'tenants_500_audit'),
            ('monay.tenants', 'tenants_record_tier_change', 'tenants_700_record_tier_change'),
            ('monay.tenant_users', 'tenant_users_audit', 'tenant_users_500_audit'),
            ('monay.tenant_users', 'tenant_users_count_user_tenants', 'tenant_users_700_count_user_tenants'),
            ('monay.settings', 'settings_audit', 'settings_500_audit')) AS r(tbl, old_name, new_name)
        WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
                      WHERE t.tgrelid = r.tbl::regclass AND t.tgname = r.old_name)
    LOOP
        EXECUTE format('ALTER TRIGGER %I ON %s RENAME TO %I', v_r.old_name, v_r.tbl, v_r.new_name);
    END LOOP;
END
$$;
