-- sql/functions/vault/vault_parse_path.sql
CREATE OR REPLACE FUNCTION monay_private.vault_parse_path(
    p_path text
)
    RETURNS bigint[]
    LANGUAGE plpgsql IMMUTABLE
AS $$
/* The indexes of a derivation path written m/<i>'/<j>'/..., every level
   hardened (SLIP-0010 ed25519 has no other kind), each index 0 .. 2^31 - 1:
   m/44'/501'/7'/0'/3' gives {44,501,7,0,3}.
   Raises:
     MV003 NULL, not of that form (a level without ', h-notation, spaces,
           no level at all), or an index beyond 2^31 - 1 (message names the path)
   SECURITY INVOKER, executable by monay_owner only (the vault functions). */
DECLARE
    v_levels bigint[];
BEGIN
    IF p_path IS NULL OR p_path !~ '^m(/[0-9]{1,10}'')+$' THEN
        RAISE EXCEPTION 'malformed derivation path %: expected m/<index>''/... with every level hardened ('')',
            coalesce(p_path, 'NULL') USING ERRCODE = 'MV003';
    END IF;
    SELECT array_agg(rtrim(l, '''')::bigint ORDER BY n) INTO v_levels
    FROM unnest(string_to_array(substr(p_path, 3), '/')) WITH ORDINALITY AS x (l, n);
    IF EXISTS (SELECT 1 FROM unnest(v_levels) AS i WHERE i > 2147483647) THEN
        RAISE EXCEPTION 'malformed derivation path %: a hardened index is at most 2147483647', p_path
            USING ERRCODE = 'MV003';
    END IF;
    RETURN v_levels;
END;
$$;

COMMENT ON FUNCTION monay_private.vault_parse_path(text) IS
    'm/44''/501''/... -> its hardened indexes (MV003 when malformed).';
REVOKE ALL ON FUNCTION monay_private.vault_parse_path(text) FROM PUBLIC;
