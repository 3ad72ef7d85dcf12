-- sql/functions/vault/vault_open.sql
CREATE OR REPLACE FUNCTION monay_private.vault_open(
    p_tenant_id uuid
)
    RETURNS monay.tenant_vaults
    LANGUAGE plpgsql VOLATILE
AS $$
/* Opens the vault of a tenant and returns it: the tenant's account index
   from the ledger monay_private.vault_account_allocations (allocated now from
   monay_private.vault_account_index_seq when the tenant has none yet: unique
   across all tenants, never reused), base path WALLET_DERIVATION_PATH/<index>',
   key version 0. Idempotent: an open vault is returned as it is.
   SECURITY INVOKER, executable by monay_owner only: it runs in the inserting
   transaction's role and context (trigger tenants_600_vault: create_tenant
   signs the new tenant's context, the platform context, or a superuser).
   Raises:
     22023 p_tenant_id NULL
     MV010 every account index (0 .. 2^31 - 1) has been handed out */
DECLARE
    v_index bigint;
    v_row   monay.tenant_vaults;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'vault_open');
    SELECT a.account_index INTO v_index
    FROM monay_private.vault_account_allocations a WHERE a.tenant_id = p_tenant_id;
    IF NOT FOUND THEN
        BEGIN
            v_index := nextval('monay_private.vault_account_index_seq');
        EXCEPTION WHEN sequence_generator_limit_exceeded THEN
            RAISE EXCEPTION 'no HD account index is left for tenant %: all 2147483648 hardened accounts are allocated',
                p_tenant_id USING ERRCODE = 'MV010',
                HINT = 'A new master seed (a new WALLET_DERIVATION_PATH tree) is needed; see docs/vault.md.';
        END;
        INSERT INTO monay_private.vault_account_allocations (account_index, tenant_id)
        VALUES (v_index, p_tenant_id);
    END IF;
    INSERT INTO monay.tenant_vaults (tenant_id, account_index, base_path)
    VALUES (p_tenant_id, v_index, (monay.get_setting('WALLET_DERIVATION_PATH') #>> '{}') || '/' || v_index || '''')
    ON CONFLICT (tenant_id) DO NOTHING
    RETURNING * INTO v_row;
    IF v_row.tenant_id IS NULL THEN
        SELECT * INTO v_row FROM monay.tenant_vaults v WHERE v.tenant_id = p_tenant_id;
    END IF;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay_private.vault_open(uuid) IS
    'Opens (idempotently) a tenant''s vault with an account index that is never reused (MV010 when exhausted).';
REVOKE ALL ON FUNCTION monay_private.vault_open(uuid) FROM PUBLIC;
