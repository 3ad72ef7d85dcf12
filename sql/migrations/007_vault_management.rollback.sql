-- Undo 007_vault_management, in reverse order: the settings, the vault
-- functions and trigger of sql/functions/vault (they depend on these tables),
-- the tables, the ledger and the sequence.
--
-- Rolling back forgets which account index each tenant had: a database whose
-- vaults already received funds must not be rolled back (re-applying would
-- hand out the indexes from 0 again). docs/vault.md says so for DBAs.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

DELETE FROM monay.settings WHERE key IN ('HD_WALLET_ENABLED', 'HSM_INTEGRATION');

SET LOCAL ROLE monay_owner;

DROP TRIGGER IF EXISTS tenants_600_vault ON monay.tenants;

-- Every function of the vault domain (sql/functions/vault), found by name so
-- that a file added later is covered as well.
DO $$
DECLARE
    v_fn regprocedure;
BEGIN
    FOR v_fn IN
        SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE (n.nspname, p.proname) IN (
            ('monay', 'get_wallet_path'), ('monay', 'next_wallet_paths'),
            ('monay', 'register_wallet_address'), ('monay', 'get_wallet_addresses'),
            ('monay', 'rotate_tenant_keys'), ('monay', 'tenants_due_for_rotation'))
           OR (n.nspname = 'monay_private' AND p.proname LIKE 'vault\_%')
    LOOP
        EXECUTE format('DROP FUNCTION %s CASCADE', v_fn);
    END LOOP;
END
$$;

DROP TABLE monay.wallet_addresses;
DROP TABLE monay.wallet_address_purposes;
DROP TABLE monay.tenant_vaults;
DROP TABLE monay_private.vault_account_allocations;
DROP SEQUENCE monay_private.vault_account_index_seq;

RESET ROLE;
