-- Vault test helpers: base58 encoding (the inverse of
-- monay_private.vault_base58_decode) and a deterministic, well-formed address
-- per name, so fixtures never share an address.

CREATE SCHEMA IF NOT EXISTS tests;

CREATE OR REPLACE FUNCTION tests.base58(p_bytes bytea) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    v_alphabet constant text := '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
    v_num numeric := 0;
    v_out text := '';
    v_zeros int := 0;
BEGIN
    FOR i IN 0 .. length(p_bytes) - 1 LOOP
        v_num := v_num * 256 + get_byte(p_bytes, i);
    END LOOP;
    WHILE v_zeros < length(p_bytes) AND get_byte(p_bytes, v_zeros) = 0 LOOP
        v_zeros := v_zeros + 1;
    END LOOP;
    WHILE v_num > 0 LOOP
        v_out := substr(v_alphabet, mod(v_num, 58)::int + 1, 1) || v_out;
        v_num := div(v_num, 58);
    END LOOP;
    RETURN repeat('1', v_zeros) || v_out;
END $$;

-- A valid address (base58 of 32 bytes) that only p_name gives.
CREATE OR REPLACE FUNCTION tests.vault_address(p_name text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT tests.base58(sha256(convert_to('address:' || p_name, 'UTF8'))) $$;

-- The base path of a fixture tenant's vault (read as the test superuser).
CREATE OR REPLACE FUNCTION tests.vault_base(p_tenant text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT v.base_path FROM monay.tenant_vaults v WHERE v.tenant_id = tests.id(p_tenant)
$$;

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tests TO PUBLIC;
