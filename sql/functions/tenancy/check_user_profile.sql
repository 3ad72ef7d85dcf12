-- sql/functions/tenancy/check_user_profile.sql
CREATE OR REPLACE FUNCTION monay_private.check_user_profile(
    p_email          text
    , p_display_name text
)
    RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The one check of a user's email and display name, for monay.create_user
   and monay.update_own_profile (which pass NULL for what they keep; a NULL
   is refused by create_user itself). Values are checked trimmed.
   Raises 22023: email not an address (x@y.z, at most 254 characters),
   display name blank or longer than 200 (the message names the value, cut
   at 300 characters). */
BEGIN
    IF p_email IS NOT NULL AND (btrim(p_email) !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' OR length(btrim(p_email)) > 254) THEN
        RAISE EXCEPTION 'invalid email %: expected an address like name@example.com (at most 254 characters)',
            quote_literal(left(p_email, 300)) USING ERRCODE = '22023';
    END IF;
    IF p_display_name IS NOT NULL AND length(btrim(p_display_name)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'invalid display name %: 1 to 200 characters required',
            quote_literal(left(p_display_name, 300)) USING ERRCODE = '22023';
    END IF;
END;
$$;

COMMENT ON FUNCTION monay_private.check_user_profile(text, text) IS
    'Raises 22023 for a malformed email or display name (create_user, update_own_profile).';
REVOKE ALL ON FUNCTION monay_private.check_user_profile(text, text) FROM PUBLIC;
