-- Undo 003_tenant_management, in reverse order. The functions of
-- sql/functions/tenancy and /audit that use these tables go first.
SET LOCAL ROLE monay_owner;

DO $$
DECLARE
    v_fn regprocedure;
    v_policy record;
BEGIN
    -- Policies this migration put on tables that outlive it.
    FOR v_policy IN
        SELECT policyname, tablename FROM pg_catalog.pg_policies
        WHERE schemaname = 'monay'
          AND tablename IN ('users', 'wallets', 'transactions', 'invoices', 'cards', 'settings')
          AND policyname <> 'settings_select'
    LOOP
        EXECUTE format('DROP POLICY %I ON monay.%I', v_policy.policyname, v_policy.tablename);
    END LOOP;
    -- Functions re-applied from sql/functions that depend on tenancy tables.
    FOR v_fn IN
        SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('monay', 'monay_private')
          AND p.oid::regprocedure::text NOT IN ('monay.get_setting(text)')
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('DROP FUNCTION %s CASCADE', v_fn);
    END LOOP;
END
$$;

DROP TABLE monay.audit_log;
DROP SEQUENCE monay_private.security_event_seq;
DROP TABLE monay_private.audit_link;
DROP TABLE monay_private.jwt_secrets;
DROP TABLE monay_private.purge_retained_tables;
DROP TABLE monay_private.tenant_creation_requests;
DROP TABLE monay_private.user_tenant_counts;
DROP TABLE monay.tenant_tier_history;
DROP TABLE monay.tenant_users;
DROP TABLE monay.tenants;
DROP SEQUENCE monay.tenant_code_seq;
DROP TABLE monay_private.context_key;

ALTER TABLE monay.cards NO FORCE ROW LEVEL SECURITY;
ALTER TABLE monay.cards DISABLE ROW LEVEL SECURITY;
ALTER TABLE monay.invoices NO FORCE ROW LEVEL SECURITY;
ALTER TABLE monay.invoices DISABLE ROW LEVEL SECURITY;
ALTER TABLE monay.transactions NO FORCE ROW LEVEL SECURITY;
ALTER TABLE monay.transactions DISABLE ROW LEVEL SECURITY;
ALTER TABLE monay.wallets NO FORCE ROW LEVEL SECURITY;
ALTER TABLE monay.wallets DISABLE ROW LEVEL SECURITY;
ALTER TABLE monay.users NO FORCE ROW LEVEL SECURITY;
ALTER TABLE monay.users DISABLE ROW LEVEL SECURITY;

REVOKE SELECT ON monay.wallets, monay.transactions, monay.invoices, monay.cards, monay.users
    FROM monay_app, monay_platform, monay_readonly;
REVOKE INSERT, UPDATE ON monay.wallets, monay.transactions, monay.invoices, monay.cards
    FROM monay_app;
REVOKE USAGE ON SCHEMA monay_private FROM monay_audit;
RESET ROLE;
-- As the superuser: settings has FORCE RLS and no policy lets anyone delete.
DELETE FROM monay.settings WHERE key = 'TENANT_DATA_RETENTION';
DROP EXTENSION IF EXISTS dblink;
