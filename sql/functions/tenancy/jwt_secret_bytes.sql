-- sql/functions/tenancy/jwt_secret_bytes.sql
CREATE OR REPLACE FUNCTION monay_private.jwt_secret_bytes(
    p_operation text
    , p_secret  text
)
    RETURNS bytea
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The checks monay.set_jwt_secret and monay.rotate_jwt_secret share: the
   platform context (42501, naming p_operation), a secret of at least 32
   bytes (22023); returns the secret as bytes. */
BEGIN
    PERFORM monay_private.require_platform(p_operation);
    IF p_secret IS NULL OR octet_length(p_secret) < 32 THEN
        RAISE EXCEPTION 'JWT secret must be at least 32 bytes, got %', coalesce(octet_length(p_secret), 0)
            USING ERRCODE = '22023';
    END IF;
    RETURN convert_to(p_secret, 'UTF8');
END;
$$;

COMMENT ON FUNCTION monay_private.jwt_secret_bytes(text, text) IS
    'Platform context and >= 32 bytes, for set_jwt_secret and rotate_jwt_secret; the secret as bytea.';
REVOKE ALL ON FUNCTION monay_private.jwt_secret_bytes(text, text) FROM PUBLIC;
