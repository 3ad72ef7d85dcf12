-- sql/functions/vault/vault_open_for_tenant.sql
CREATE OR REPLACE FUNCTION monay_private.vault_open_for_tenant()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE
AS $$
/* AFTER INSERT on monay.tenants (trigger tenants_600_vault): every tenant
   is a vault from its first transaction on (monay_private.vault_open).
   SECURITY INVOKER on purpose: the vault row is written under the inserting
   transaction's context, which RLS checks (create_tenant signs the new
   tenant's context first; the platform context; a superuser in fixtures).
   Raises what vault_open raises (MV010). */
BEGIN
    PERFORM monay_private.vault_open(NEW.id);
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION monay_private.vault_open_for_tenant() IS
    'Trigger: opens the vault of a new tenant (tenants_600_vault).';
REVOKE ALL ON FUNCTION monay_private.vault_open_for_tenant() FROM PUBLIC;

-- 600: after the tenancy and billing triggers of the same event, by name.
CREATE OR REPLACE TRIGGER tenants_600_vault
    AFTER INSERT ON monay.tenants
    FOR EACH ROW EXECUTE FUNCTION monay_private.vault_open_for_tenant();
