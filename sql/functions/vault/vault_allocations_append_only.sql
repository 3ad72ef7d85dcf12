-- sql/functions/vault/vault_allocations_append_only.sql
CREATE OR REPLACE FUNCTION monay_private.vault_allocations_append_only()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE
AS $$
/* BEFORE UPDATE OR DELETE (per row) and BEFORE TRUNCATE on
   monay_private.vault_account_allocations: the ledger of account indexes is
   append-only, so an index can never be handed to a second tenant, also not
   by its owner role.
   Raises:
     MV009 any UPDATE, DELETE or TRUNCATE (message names the index and tenant) */
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'the HD account ledger is append-only: TRUNCATE refused' USING ERRCODE = 'MV009';
    END IF;
    RAISE EXCEPTION 'the HD account ledger is append-only: % of account % (tenant %) refused',
        TG_OP, OLD.account_index, OLD.tenant_id USING ERRCODE = 'MV009';
END;
$$;

COMMENT ON FUNCTION monay_private.vault_allocations_append_only() IS
    'Trigger: refuses UPDATE, DELETE and TRUNCATE of the HD account ledger (MV009).';
REVOKE ALL ON FUNCTION monay_private.vault_allocations_append_only() FROM PUBLIC;

CREATE OR REPLACE TRIGGER vault_account_allocations_append_only
    BEFORE UPDATE OR DELETE ON monay_private.vault_account_allocations
    FOR EACH ROW EXECUTE FUNCTION monay_private.vault_allocations_append_only();
CREATE OR REPLACE TRIGGER vault_account_allocations_no_truncate
    BEFORE TRUNCATE ON monay_private.vault_account_allocations
    FOR EACH STATEMENT EXECUTE FUNCTION monay_private.vault_allocations_append_only();
