-- sql/functions/vault/get_wallet_path.sql
CREATE OR REPLACE FUNCTION monay.get_wallet_path(
    p_tenant_id  uuid
    , p_index    integer DEFAULT 0
)
    RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The full derivation path of address p_index in the tenant's subtree under
   its current key version: <base_path>/<key_version>'/<p_index>', e.g.
   m/44'/501'/7'/0'/3'. Every level hardened (SLIP-0010 ed25519). Serves
   GET /api/wallets/path/:tenantId. The caller's context must be that tenant
   or the platform.
   Raises:
     22023 p_tenant_id NULL; p_index NULL or negative
     42501 no verified context, a forged one, or another tenant's
     MV001 HD_WALLET_ENABLED is off
     MV007 the tenant has no vault (does not exist) */
DECLARE
    v_vault monay.tenant_vaults;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'get_wallet_path');
    PERFORM monay_private.vault_require_enabled('get_wallet_path');
    IF p_index IS NULL OR p_index < 0 THEN
        RAISE EXCEPTION 'get_wallet_path: address index must be 0 .. 2147483647, got %', coalesce(p_index::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    v_vault := monay_private.vault_of(p_tenant_id, 'get_wallet_path');
    RETURN format('%s/%s''/%s''', v_vault.base_path, v_vault.key_version, p_index);
END;
$$;

COMMENT ON FUNCTION monay.get_wallet_path(uuid, integer) IS
    'Full hardened derivation path of address p_index in the tenant''s subtree (current key version).';
REVOKE ALL ON FUNCTION monay.get_wallet_path(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.get_wallet_path(uuid, integer) TO monay_app, monay_platform;
