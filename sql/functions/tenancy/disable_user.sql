-- sql/functions/tenancy/disable_user.sql
CREATE OR REPLACE FUNCTION monay.disable_user(
    p_user_id uuid
)
    RETURNS monay.users
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Disables a user (status 'disabled') and returns the row. From the next
   transaction on, monay.authenticate refuses their tokens (MT208) and they
   can be neither an owner of a new tenant nor added to one (MT302); their
   memberships and data stay, and monay.enable_user undoes it. Disabling a
   disabled user changes nothing. Audited. Platform context only.
   Raises 42501 (not the platform context), 22023 (NULL), MT302 (no such user). */
    SELECT * FROM monay_private.set_user_status('disable_user', p_user_id, 'disabled')
$$;

COMMENT ON FUNCTION monay.disable_user(uuid) IS
    'Platform only: disable a user (their logins are refused with MT208); idempotent, audited.';
REVOKE ALL ON FUNCTION monay.disable_user(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.disable_user(uuid) TO monay_platform;
