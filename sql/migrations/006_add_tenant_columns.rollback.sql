-- Undo 006_add_tenant_columns, in undo order: swap back if the retrofit was
-- completed (inline here; on a big database run `monaydb legacy rollback`,
-- which does the same online and then this), the functions of the platform
-- and legacy domains, the triggers, the new transactions table, the tenant
-- columns (with their keys, checks and foreign keys), the steps.
-- The personal tenants stay: they are tenancy's rows (003), and a new
-- `legacy migrate` finds them again (create_tenant's idempotency key).

SET LOCAL lock_timeout = '1s';
SET LOCAL statement_timeout = '15min';

SET LOCAL ROLE monay_owner;

DO $$
BEGIN
    IF to_regclass('monay_private.transactions_pre_tenancy') IS NOT NULL THEN
        PERFORM monay_private.legacy_run_inline('rollback', true);
    END IF;
END
$$;

DROP TRIGGER legacy_500_sync ON monay.transactions;
DROP TRIGGER legacy_500_fill_tenant ON monay.invoices;
DROP TRIGGER legacy_500_fill_tenant ON monay.cards;
DROP TRIGGER legacy_500_fill_tenant ON monay.wallets;
DROP TABLE monay_private.transactions_tenant;
ALTER TABLE monay.invoices DROP COLUMN tenant_id;
ALTER TABLE monay.cards DROP COLUMN tenant_id;
ALTER TABLE monay.wallets DROP COLUMN tenant_id;
-- Every function of the platform and legacy domains (sql/functions/platform,
-- sql/functions/legacy), found by name so that a file added later is covered;
-- the legacy seed and verify functions stay (they work on the pre-tenancy
-- tables too: fill them, and verify after the rollback).
DO $$
DECLARE
    v_fn regprocedure;
BEGIN
    FOR v_fn IN
        SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE (n.nspname = 'monay' AND p.proname IN ('create_wallet', 'transfer', 'list_wallets', 'list_transactions'))
           OR (n.nspname = 'monay_private' AND (p.proname LIKE 'platform\_%'
               OR (p.proname LIKE 'legacy\_%' AND p.proname NOT LIKE 'legacy\_seed%'
                   AND p.proname NOT LIKE 'legacy\_verify%')))
    LOOP
        EXECUTE format('DROP FUNCTION %s', v_fn);
    END LOOP;
END
$$;

DROP TABLE monay_private.legacy_saved_policies;
DROP TABLE monay_private.legacy_steps;
