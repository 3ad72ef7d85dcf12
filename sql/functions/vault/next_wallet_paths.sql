-- sql/functions/vault/next_wallet_paths.sql
CREATE OR REPLACE FUNCTION monay.next_wallet_paths(
    p_tenant_id  uuid
    , p_count    integer DEFAULT 1
)
    RETURNS TABLE (derivation_path text, key_version bigint, address_index bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The next p_count paths of the tenant's current key version after the
   highest index registered in it (from index 0 in a fresh version), in
   order: what a signer derives and then registers with
   monay.register_wallet_address (POST /api/wallets/derive/:tenantId).
   Two signers that race get the same paths; the same seed gives the same
   addresses, so their registrations converge (registration is idempotent).
   Raises:
     22023 p_tenant_id NULL; p_count NULL or outside 1 .. 1000
     42501 no verified context, a forged one, or another tenant's
     MV001 HD_WALLET_ENABLED is off
     MV007 the tenant has no vault (does not exist) */
DECLARE
    v_vault monay.tenant_vaults;
    v_next  bigint;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'next_wallet_paths');
    PERFORM monay_private.vault_require_enabled('next_wallet_paths');
    IF p_count IS NULL OR p_count NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION 'next_wallet_paths: count must be 1 .. 1000, got %', coalesce(p_count::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    v_vault := monay_private.vault_of(p_tenant_id, 'next_wallet_paths');
    SELECT coalesce(max(w.address_index) + 1, 0) INTO v_next
    FROM monay.wallet_addresses w
    WHERE w.tenant_id = p_tenant_id AND w.key_version = v_vault.key_version;
    RETURN QUERY
    SELECT format('%s/%s''/%s''', v_vault.base_path, v_vault.key_version, i), v_vault.key_version, i
    FROM generate_series(v_next, least(v_next + p_count - 1, 2147483647)) AS i;
END;
$$;

COMMENT ON FUNCTION monay.next_wallet_paths(uuid, integer) IS
    'The next p_count unregistered paths of the tenant''s current key version.';
REVOKE ALL ON FUNCTION monay.next_wallet_paths(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.next_wallet_paths(uuid, integer) TO monay_app, monay_platform;
