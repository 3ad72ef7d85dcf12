-- sql/functions/tenancy/set_jwt_secret.sql
CREATE OR REPLACE FUNCTION monay.set_jwt_secret(
    p_secret text
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Sets the HS256 secret that monay.authenticate verifies tokens with and cuts
   over at once: every other secret (the previous one, and any still inside a
   rotation window of monay.rotate_jwt_secret) is deleted, so tokens signed
   with them stop working now. For an emergency (a leaked secret) and the first
   setup; rotate with an overlap window using monay.rotate_jwt_secret. Retired
   secrets are deleted, never kept: dumps carry only the secrets in use.
   Platform context only (42501); at least 32 bytes (22023). */
BEGIN
    IF NOT coalesce(monay.is_platform_context(), false) THEN
        RAISE EXCEPTION 'set_jwt_secret needs the platform context (monay.set_platform_context())'
            USING ERRCODE = '42501';
    END IF;
    IF p_secret IS NULL OR octet_length(p_secret) < 32 THEN
        RAISE EXCEPTION 'JWT secret must be at least 32 bytes, got %', coalesce(octet_length(p_secret), 0)
            USING ERRCODE = '22023';
    END IF;
    DELETE FROM monay_private.jwt_secrets;
    INSERT INTO monay_private.jwt_secrets (secret) VALUES (convert_to(p_secret, 'UTF8'));
END;
$$;

COMMENT ON FUNCTION monay.set_jwt_secret(text) IS
    'Platform only: sets the HS256 secret for monay.authenticate (>= 32 bytes), every other one stops at once.';
REVOKE ALL ON FUNCTION monay.set_jwt_secret(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.set_jwt_secret(text) TO monay_platform;
