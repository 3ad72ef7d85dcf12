-- sql/functions/legacy/legacy_pre_tenancy_key_statements.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_pre_tenancy_key_statements()
    RETURNS SETOF text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Rollback step pre_tenancy_keys: the unique indexes the pre-tenancy keys need
   (id of wallets, cards, invoices; invoice_number across everyone), built
   CONCURRENTLY before the swap back; none when the retrofit was never swapped.
   Fails with 23505, naming the number, when two tenants have used the same
   invoice number since the swap (the global key cannot come back then). */
    SELECT v.stmt FROM (VALUES
        (1, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS wallets_pre_tenancy_pkey ON monay.wallets (id)'),
        (2, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS cards_pre_tenancy_pkey ON monay.cards (id)'),
        (3, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS invoices_pre_tenancy_pkey ON monay.invoices (id)'),
        (4, 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS invoices_pre_tenancy_number_key ON monay.invoices (invoice_number)')
    ) v (o, stmt)
    WHERE to_regclass('monay_private.transactions_pre_tenancy') IS NOT NULL
    ORDER BY v.o
$$;

COMMENT ON FUNCTION monay_private.legacy_pre_tenancy_key_statements() IS
    'Rollback step pre_tenancy_keys: CREATE UNIQUE INDEX CONCURRENTLY statements for the pre-tenancy keys.';
REVOKE ALL ON FUNCTION monay_private.legacy_pre_tenancy_key_statements() FROM PUBLIC;
