-- sql/functions/vault/rotate_tenant_keys.sql
CREATE OR REPLACE FUNCTION monay.rotate_tenant_keys(
    p_tenant_id       uuid
    , p_from_version  integer DEFAULT NULL
)
    RETURNS monay.tenant_vaults
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Moves the tenant's vault to a new key version (key_version + 1,
   rotated_at now) and retires every address of the older versions
   (retired_at now): new addresses come from the new hardened branch
   <base_path>/<new version>'/...; retired ones stay registered, keep
   receiving and are re-derived by recovery. Returns the vault.
   What this protects against, and what not (an all-hardened ed25519 tree):
   docs/vault.md, "Rotation".
   Idempotent for a retrying client: with p_from_version (the version it saw),
   a vault already past it is returned unchanged; without it every call
   rotates. Owners and admins of the tenant, or the platform. Works while
   HD_WALLET_ENABLED is off (a security measure is never switched off).
   Raises:
     22023 p_tenant_id NULL; p_from_version negative or ahead of the vault
     42501 not an owner or admin of that tenant (or no/forged/other context),
           nor the platform
     MV007 the tenant has no vault (does not exist) */
DECLARE
    v_vault monay.tenant_vaults;
BEGIN
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'rotate_tenant_keys');
    PERFORM monay_private.require_tenant_manager(p_tenant_id, 'rotate_tenant_keys');
    v_vault := monay_private.vault_of(p_tenant_id, 'rotate_tenant_keys', 'update');
    IF p_from_version IS NOT NULL THEN
        IF p_from_version < 0 OR p_from_version > v_vault.key_version THEN
            RAISE EXCEPTION 'rotate_tenant_keys: tenant % is at key version %, cannot rotate from version %',
                p_tenant_id, v_vault.key_version, p_from_version USING ERRCODE = '22023';
        END IF;
        IF p_from_version < v_vault.key_version THEN
            RETURN v_vault;
        END IF;
    END IF;
    UPDATE monay.tenant_vaults v SET key_version = v.key_version + 1, rotated_at = now()
    WHERE v.tenant_id = p_tenant_id
    RETURNING * INTO v_vault;
    UPDATE monay.wallet_addresses w SET retired_at = now()
    WHERE w.tenant_id = p_tenant_id AND w.retired_at IS NULL;
    RETURN v_vault;
END;
$$;

COMMENT ON FUNCTION monay.rotate_tenant_keys(uuid, integer) IS
    'New key version for the tenant''s vault; older addresses retired (kept for receiving and recovery).';
REVOKE ALL ON FUNCTION monay.rotate_tenant_keys(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.rotate_tenant_keys(uuid, integer) TO monay_app, monay_platform;
