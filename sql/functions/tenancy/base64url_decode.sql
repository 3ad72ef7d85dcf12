-- sql/functions/tenancy/base64url_decode.sql
CREATE OR REPLACE FUNCTION monay_private.base64url_decode(
    p_text text
)
    RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
/* Decodes base64url without padding (RFC 7515 section 2), as JWTs use it.
   Raises 22023 (from decode) on characters outside the alphabet. No search_path of its
   own, so that the planner inlines it into its caller: every name and operator is
   schema-qualified instead. */
    SELECT pg_catalog.decode(
        pg_catalog.rpad(pg_catalog.translate(p_text, '-_', '+/'),
             pg_catalog.length(p_text) OPERATOR(pg_catalog.+)
                 ((4 OPERATOR(pg_catalog.-) (pg_catalog.length(p_text) OPERATOR(pg_catalog.%) 4)) OPERATOR(pg_catalog.%) 4),
             '='),
        'base64')
$$;

COMMENT ON FUNCTION monay_private.base64url_decode(text) IS
    'base64url (no padding) to bytea, for JWT segments.';
REVOKE ALL ON FUNCTION monay_private.base64url_decode(text) FROM PUBLIC;
