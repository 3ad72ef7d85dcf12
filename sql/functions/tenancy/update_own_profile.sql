-- sql/functions/tenancy/update_own_profile.sql
CREATE OR REPLACE FUNCTION monay.update_own_profile(
    p_display_name  text DEFAULT NULL
    , p_email       text DEFAULT NULL
)
    RETURNS monay.users
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The authenticated user changes their own display name and/or email (NULL
   keeps the value) and gets their row back. Validated like monay.create_user
   (trimmed; email unique in any letter case). Nothing else of the row can
   change here, and nobody can change another user's profile this way: the
   user is the one of this transaction's verified context. Audited.
   Raises:
     MT206 nobody is authenticated in this transaction (monay.authenticate)
     22023 both NULL, email not an address (x@y.z, at most 254 characters),
           display name blank or longer than 200
     23505 another user has this email (in any letter case) */
DECLARE
    v_user  uuid := monay.current_user_id();
    v_email text := btrim(p_email);
    v_name  text := btrim(p_display_name);
    v_row   monay.users;
BEGIN
    IF v_user IS NULL THEN
        RAISE EXCEPTION 'update_own_profile needs an authenticated user: call monay.authenticate(token) first'
            USING ERRCODE = 'MT206';
    END IF;
    IF p_email IS NULL AND p_display_name IS NULL THEN
        RAISE EXCEPTION 'update_own_profile: give a new display name, a new email or both' USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.check_user_profile(p_email, p_display_name);
    BEGIN
        UPDATE monay.users u
        SET email = coalesce(v_email, u.email), display_name = coalesce(v_name, u.display_name),
            updated_at = now()
        WHERE u.id = v_user
        RETURNING * INTO v_row;
    EXCEPTION WHEN unique_violation THEN
        RAISE EXCEPTION 'a user with email % already exists', quote_literal(v_email)
            USING ERRCODE = '23505', HINT = 'Emails are unique regardless of letter case.';
    END;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.update_own_profile(text, text) IS
    'The authenticated user changes their own display name and/or email (MT206, 22023, 23505).';
REVOKE ALL ON FUNCTION monay.update_own_profile(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.update_own_profile(text, text) TO monay_app;
