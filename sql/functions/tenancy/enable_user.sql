-- sql/functions/tenancy/enable_user.sql
CREATE OR REPLACE FUNCTION monay.enable_user(
    p_user_id uuid
)
    RETURNS monay.users
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Re-enables a disabled user (status 'active') and returns the row; their
   tokens are accepted again (memberships were kept). Enabling an active user
   changes nothing. Audited. Platform context only.
   Raises 42501 (not the platform context), 22023 (NULL), MT302 (no such user). */
    SELECT * FROM monay_private.set_user_status('enable_user', p_user_id, 'active')
$$;

COMMENT ON FUNCTION monay.enable_user(uuid) IS
    'Platform only: re-enable a disabled user; idempotent, audited.';
REVOKE ALL ON FUNCTION monay.enable_user(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.enable_user(uuid) TO monay_platform;
