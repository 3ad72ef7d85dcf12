-- sql/functions/tenancy/base64url_encode.sql
CREATE OR REPLACE FUNCTION monay_private.base64url_encode(
    p_data bytea
)
    RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
/* base64url without padding (RFC 7515 section 2). No search_path of its own, so that
   the planner inlines it into its caller: every name is schema-qualified instead. */
    SELECT pg_catalog.translate(pg_catalog.encode(p_data, 'base64'), E'+/=\n', '-_')
$$;

COMMENT ON FUNCTION monay_private.base64url_encode(bytea) IS
    'bytea to base64url without padding, for JWT signatures.';
REVOKE ALL ON FUNCTION monay_private.base64url_encode(bytea) FROM PUBLIC;
