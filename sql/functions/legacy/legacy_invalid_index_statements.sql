-- sql/functions/legacy/legacy_invalid_index_statements.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_invalid_index_statements()
    RETURNS SETOF text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* DROP INDEX CONCURRENTLY for every invalid index left on the retrofit's
   tables by a CREATE INDEX CONCURRENTLY that was killed or failed: run before
   each index step, so that its IF NOT EXISTS builds the index again instead of
   keeping a broken one. */
    SELECT format('DROP INDEX CONCURRENTLY IF EXISTS %I.%I', n.nspname, c.relname)
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
    WHERE NOT i.indisvalid AND c.relkind = 'i'
      AND (t.oid IN (to_regclass('monay.wallets'), to_regclass('monay.cards'), to_regclass('monay.invoices'))
           OR t.relname LIKE 'transactions\_tenant\_p%')
$$;

COMMENT ON FUNCTION monay_private.legacy_invalid_index_statements() IS
    'DROP INDEX CONCURRENTLY statements for invalid indexes a killed concurrent build left behind.';
REVOKE ALL ON FUNCTION monay_private.legacy_invalid_index_statements() FROM PUBLIC;
