-- sql/functions/legacy/legacy_unswap.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_unswap()
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Rollback step unswap: the pre-tenancy shape takes over again, in one short
   transaction (catalog changes; the unique indexes were built by step
   pre_tenancy_keys, the foreign keys come back NOT VALID and are validated by
   the next step). The kept pre-tenancy transactions hold every original row,
   and every row written under tenancy (trigger legacy_500_sync_back); mirror
   rows exist only in the tenant-scoped table, which the migration's rollback
   then drops. Idempotent: does nothing when not swapped. */
DECLARE
    v_table text;
    v_pol   record;
BEGIN
    IF to_regclass('monay_private.transactions_pre_tenancy') IS NULL THEN
        RETURN;
    END IF;
    -- In the order the platform's writes take them (see migration 006).
    LOCK TABLE monay.transactions, monay_private.transactions_pre_tenancy, monay.wallets, monay.cards,
        monay.invoices IN ACCESS EXCLUSIVE MODE;

    DROP TRIGGER legacy_500_sync_back ON monay.transactions;
    ALTER TABLE monay.transactions SET SCHEMA monay_private;
    ALTER TABLE monay_private.transactions RENAME TO transactions_tenant;
    ALTER TABLE monay_private.transactions_pre_tenancy ENABLE ROW LEVEL SECURITY;
    ALTER TABLE monay_private.transactions_pre_tenancy FORCE ROW LEVEL SECURITY;
    ALTER TABLE monay_private.transactions_pre_tenancy SET SCHEMA monay;
    ALTER TABLE monay.transactions_pre_tenancy RENAME TO transactions;
    CREATE TRIGGER legacy_500_sync AFTER INSERT OR UPDATE OR DELETE ON monay.transactions
        FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION monay_private.legacy_transactions_sync();

    -- Keys by id again (CASCADE: the composite foreign keys to wallets go).
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices'] LOOP
        EXECUTE format('ALTER TABLE monay.%I DROP CONSTRAINT %I CASCADE', v_table, v_table || '_pkey');
        EXECUTE format('ALTER TABLE monay.%I ADD CONSTRAINT %I PRIMARY KEY USING INDEX %I',
                       v_table, v_table || '_pkey', v_table || '_pre_tenancy_pkey');
        EXECUTE format('ALTER TABLE monay.%I ALTER COLUMN tenant_id DROP NOT NULL', v_table);
    END LOOP;
    ALTER TABLE monay.invoices DROP CONSTRAINT invoices_tenant_id_invoice_number_key,
        ADD CONSTRAINT invoices_invoice_number_key UNIQUE USING INDEX invoices_pre_tenancy_number_key;
    ALTER TABLE monay.transactions
        ADD CONSTRAINT transactions_wallet_id_fkey FOREIGN KEY (wallet_id) REFERENCES monay.wallets (id) NOT VALID,
        ADD CONSTRAINT transactions_counterparty_wallet_id_fkey FOREIGN KEY (counterparty_wallet_id)
            REFERENCES monay.wallets (id) NOT VALID;
    ALTER TABLE monay.cards
        ADD CONSTRAINT cards_wallet_id_fkey FOREIGN KEY (wallet_id) REFERENCES monay.wallets (id) NOT VALID;

    -- The pre-tenancy policies, as the swap saved them.
    FOREACH v_table IN ARRAY ARRAY['wallets', 'cards', 'invoices'] LOOP
        FOR v_pol IN SELECT p.policyname FROM pg_catalog.pg_policies p
                     WHERE p.schemaname = 'monay' AND p.tablename = v_table LOOP
            EXECUTE format('DROP POLICY %I ON monay.%I', v_pol.policyname, v_table);
        END LOOP;
    END LOOP;
    FOR v_pol IN SELECT * FROM monay_private.legacy_saved_policies s ORDER BY s.table_name, s.policy_name LOOP
        EXECUTE format('CREATE POLICY %I ON monay.%I FOR %s', v_pol.policy_name, v_pol.table_name, v_pol.command)
            || coalesce(' USING (' || v_pol.using_expr || ')', '')
            || coalesce(' WITH CHECK (' || v_pol.check_expr || ')', '');
    END LOOP;
    DELETE FROM monay_private.legacy_saved_policies;
    GRANT INSERT, UPDATE ON monay.wallets, monay.cards, monay.invoices TO monay_app;
END;
$$;

COMMENT ON FUNCTION monay_private.legacy_unswap() IS
    'Rollback step unswap: the pre-tenancy transactions, keys, policies and grants come back (short).';
REVOKE ALL ON FUNCTION monay_private.legacy_unswap() FROM PUBLIC;
