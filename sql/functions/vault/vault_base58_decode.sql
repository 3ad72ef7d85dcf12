-- sql/functions/vault/vault_base58_decode.sql
CREATE OR REPLACE FUNCTION monay_private.vault_base58_decode(
    p_text text
)
    RETURNS bytea
    LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
/* The bytes of a base58 string (Bitcoin/Solana alphabet: no 0, O, I, l), or
   NULL when it holds any other character or is longer than 100 characters
   (an address is at most 44). Each leading '1' is a zero byte. Exact integer
   arithmetic (numeric), no floating point. Raises nothing.
   SECURITY INVOKER, executable by monay_owner only (the vault functions). */
DECLARE
    v_alphabet constant text := '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
    v_num      numeric := 0;
    v_digit    integer;
    v_bytes    bytea := ''::bytea;
BEGIN
    IF length(p_text) > 100 THEN
        RETURN NULL;
    END IF;
    FOR i IN 1 .. length(p_text) LOOP
        v_digit := strpos(v_alphabet, substr(p_text, i, 1));
        IF v_digit = 0 THEN
            RETURN NULL;
        END IF;
        v_num := v_num * 58 + (v_digit - 1);
    END LOOP;
    WHILE v_num > 0 LOOP
        v_bytes := set_byte('\x00'::bytea, 0, mod(v_num, 256)::integer) || v_bytes;
        v_num := div(v_num, 256);
    END LOOP;
    RETURN decode(repeat('00', length(p_text) - length(ltrim(p_text, '1'))), 'hex') || v_bytes;
END;
$$;

COMMENT ON FUNCTION monay_private.vault_base58_decode(text) IS
    'Base58 (Solana alphabet) -> bytes; NULL for a character outside the alphabet.';
REVOKE ALL ON FUNCTION monay_private.vault_base58_decode(text) FROM PUBLIC;
