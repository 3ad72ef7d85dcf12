-- sql/functions/tenancy/base64url_encode.sql
CREATE OR REPLACE FUNCTION monay_private.base64url_encode(
    p_data bytea
)
    RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
/* base64url without padding (RFC 7515 section 2). */
    SELECT translate(encode(p_data, 'base64'), E'+/=\n', '-_')
$$;

COMMENT ON FUNCTION monay_private.base64url_encode(bytea) IS
    'bytea to base64url without padding, for JWT signatures.';
REVOKE ALL ON FUNCTION monay_private.base64url_encode(bytea) FROM PUBLIC;
