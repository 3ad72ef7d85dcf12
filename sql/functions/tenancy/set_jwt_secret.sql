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
DECLARE
    v_secret bytea := monay_private.jwt_secret_bytes('set_jwt_secret', p_secret);
BEGIN
    DELETE FROM monay_private.jwt_secrets;
    INSERT INTO monay_private.jwt_secrets (secret) VALUES (v_secret);
END;
$$;

COMMENT ON FUNCTION monay.set_jwt_secret(text) IS
    'Platform only: sets the HS256 secret for monay.authenticate (>= 32 bytes), every other one stops at once.';
REVOKE ALL ON FUNCTION monay.set_jwt_secret(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.set_jwt_secret(text) TO monay_platform;
