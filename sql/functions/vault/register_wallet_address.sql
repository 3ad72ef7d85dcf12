-- sql/functions/vault/register_wallet_address.sql
CREATE OR REPLACE FUNCTION monay.register_wallet_address(
    p_tenant_id  uuid
    , p_path     text
    , p_address  text
    , p_purpose  text DEFAULT 'deposit'
)
    RETURNS monay.wallet_addresses
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Records the public address a signer derived at p_path in the tenant's
   subtree and returns the row. The path must be an address path of this
   tenant's own account under its current key version:
   <base_path>/<key_version>'/<index>'. Only public data is stored.
   Idempotent: the same path, address and purpose again returns the stored
   row (a retried or raced derive). Waits for a concurrent rotation (the
   vault row is locked FOR SHARE), so no address of a retired version slips in.
   Raises:
     22023 p_tenant_id, p_path, p_address or p_purpose NULL
     42501 no verified context, a forged one, or another tenant's
     MV001 HD_WALLET_ENABLED is off
     MV003 malformed path (a level not hardened, not m/..., an index beyond
           2^31 - 1) or not an address path (depth other than base + 2)
     MV002 the path lies outside the tenant's account subtree (another
           account, another coin or purpose)
     MV006 the path's key version is not the vault's current one
     MV004 the address is not base58 of a 32-byte ed25519 public key
     MV008 unknown purpose (monay.wallet_address_purposes)
     MV005 the path is registered with another address or purpose, or the
           address is registered at another path
     MV007 the tenant has no vault (does not exist) */
DECLARE
    v_vault   monay.tenant_vaults;
    v_levels  bigint[];
    v_base    bigint[];
    v_key     bytea;
    v_row     monay.wallet_addresses;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'register_wallet_address');
    PERFORM monay_private.vault_require_enabled('register_wallet_address');
    IF p_path IS NULL OR p_address IS NULL OR p_purpose IS NULL THEN
        RAISE EXCEPTION 'register_wallet_address: path, address and purpose are required (got %, %, %)',
            coalesce(quote_literal(p_path), 'NULL'), coalesce(quote_literal(p_address), 'NULL'),
            coalesce(quote_literal(p_purpose), 'NULL') USING ERRCODE = '22023';
    END IF;
    v_levels := monay_private.vault_parse_path(p_path);
    v_vault := monay_private.vault_of(p_tenant_id, 'register_wallet_address', 'share');
    v_base := monay_private.vault_parse_path(v_vault.base_path);

    IF v_levels[1:cardinality(v_base)] IS DISTINCT FROM v_base THEN
        RAISE EXCEPTION 'derivation path % is outside the subtree % of tenant %', p_path, v_vault.base_path, p_tenant_id
            USING ERRCODE = 'MV002';
    END IF;
    IF cardinality(v_levels) <> cardinality(v_base) + 2 THEN
        RAISE EXCEPTION 'derivation path % is not an address path of tenant %: expected %/<key version>''/<index>''',
            p_path, p_tenant_id, v_vault.base_path USING ERRCODE = 'MV003';
    END IF;
    IF v_levels[cardinality(v_base) + 1] <> v_vault.key_version THEN
        RAISE EXCEPTION 'derivation path % uses key version %, but tenant % is at key version %',
            p_path, v_levels[cardinality(v_base) + 1], p_tenant_id, v_vault.key_version
            USING ERRCODE = 'MV006', HINT = 'Ask monay.next_wallet_paths for paths of the current version.';
    END IF;
    v_key := monay_private.vault_base58_decode(p_address);
    IF v_key IS NULL OR length(v_key) <> 32 THEN
        RAISE EXCEPTION 'address % is not base58 of a 32-byte ed25519 public key (%)', quote_literal(p_address),
            CASE WHEN v_key IS NULL THEN 'not base58' ELSE length(v_key) || ' bytes' END
            USING ERRCODE = 'MV004';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM monay.wallet_address_purposes p WHERE p.purpose = p_purpose) THEN
        RAISE EXCEPTION 'unknown address purpose %', quote_literal(p_purpose)
            USING ERRCODE = 'MV008', HINT = 'SELECT purpose FROM monay.wallet_address_purposes';
    END IF;

    INSERT INTO monay.wallet_addresses (tenant_id, derivation_path, key_version, address_index, address, purpose)
    VALUES (p_tenant_id, p_path, v_vault.key_version, v_levels[cardinality(v_levels)], p_address, p_purpose)
    ON CONFLICT DO NOTHING
    RETURNING * INTO v_row;
    IF v_row.tenant_id IS NOT NULL THEN
        RETURN v_row;
    END IF;
    SELECT * INTO v_row FROM monay.wallet_addresses w
    WHERE w.tenant_id = p_tenant_id AND (w.derivation_path = p_path OR w.address = p_address)
    ORDER BY (w.derivation_path = p_path) DESC
    LIMIT 1;
    IF v_row.derivation_path = p_path AND v_row.address = p_address AND v_row.purpose = p_purpose THEN
        RETURN v_row;
    END IF;
    RAISE EXCEPTION 'tenant % already registered % at % (purpose %): refusing % at % (purpose %)',
        p_tenant_id, v_row.address, v_row.derivation_path, v_row.purpose, p_address, p_path, p_purpose
        USING ERRCODE = 'MV005';
END;
$$;

COMMENT ON FUNCTION monay.register_wallet_address(uuid, text, text, text) IS
    'Records a derived public address at a path of the tenant''s own subtree (current key version); idempotent.';
REVOKE ALL ON FUNCTION monay.register_wallet_address(uuid, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.register_wallet_address(uuid, text, text, text) TO monay_app, monay_platform;
