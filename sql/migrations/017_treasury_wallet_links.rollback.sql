-- Undo 017_treasury_wallet_links: the wallets' and transactions' policies as 006 made them
-- (the tenant range only, no comments), the index and the foreign key gone.
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '1min';
SET LOCAL ROLE monay_owner;

LOCK TABLE monay.wallets, monay.transactions, monay.treasury_access_grants IN ACCESS EXCLUSIVE MODE;

DO $$
DECLARE
    v_pol record;
BEGIN
    PERFORM monay_private.apply_rls('monay.wallets', 'tenant_read_write');
    PERFORM monay_private.apply_rls('monay.transactions', 'tenant_read_write');
    FOR v_pol IN SELECT pol.polname, pol.polrelid::regclass AS tbl FROM pg_catalog.pg_policy pol
                 WHERE pol.polrelid IN ('monay.wallets'::regclass, 'monay.transactions'::regclass) LOOP
        EXECUTE format('COMMENT ON POLICY %I ON %s IS NULL', v_pol.polname, v_pol.tbl);
    END LOOP;
END
$$;
DROP INDEX monay.treasury_access_grants_wallet;
ALTER TABLE monay.treasury_access_grants DROP CONSTRAINT treasury_access_grants_wallet_fkey;

RESET ROLE;
