-- Undo 014_trigger_order_names: the triggers take back their old names (with the code of
-- before 014, whose function files create them under those names).
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
                      WHERE t.tgrelid = r.tbl::regclass AND t.tgname = r.new_name)
    LOOP
        EXECUTE format('ALTER TRIGGER %I ON %s RENAME TO %I', v_r.new_name, v_r.tbl, v_r.old_name);
    END LOOP;
END
$$;
