-- sql/functions/tenancy/base64url_decode.sql
CREATE OR REPLACE FUNCTION monay_private.base64url_decode(
    p_text text
)
    RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Decodes base64url without padding (RFC 7515 section 2), as JWTs use it.
   Raises 22023 (from decode) on characters outside the alphabet. */
    SELECT decode(
        rpad(translate(p_text, '-_', '+/'),
             length(p_text) + (4 - length(p_text) % 4) % 4, '='),
        'base64')
$$;

COMMENT ON FUNCTION monay_private.base64url_decode(text) IS
    'base64url (no padding) to bytea, for JWT segments.';
REVOKE ALL ON FUNCTION monay_private.base64url_decode(text) FROM PUBLIC;
