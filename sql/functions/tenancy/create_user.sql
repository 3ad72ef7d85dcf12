-- sql/functions/tenancy/create_user.sql
CREATE OR REPLACE FUNCTION monay.create_user(
    p_email          text
    , p_display_name text
    , p_user_type    text DEFAULT 'individual'
)
    RETURNS monay.users
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Sign-up: creates an active user (global, not tenant-scoped) and returns it.
   Callable by monay_app without any context (and by the platform). The email
   is stored trimmed, as given; it is unique case-insensitively.
   Raises:
     22023 email missing or not an address (x@y.z, at most 254 characters),
           display name blank or longer than 200, user_type not in
           monay.user_types (the message lists the allowed ones)
     23505 a user with this email (in any letter case) already exists
   Not idempotent by design: a retried sign-up gets 23505 (returning the
   existing row to an unauthenticated caller would disclose another person's
   account); the client then authenticates as usual.
   The new row is read back under a user-only context of the new user (so
   that RLS shows it); the caller's context is restored before returning. */
DECLARE
    v_email text := btrim(p_email);
    v_name  text := btrim(p_display_name);
    v_ctx   record;
    v_row   monay.users;
BEGIN
    IF v_email IS NULL OR v_name IS NULL THEN
        RAISE EXCEPTION 'invalid %: NULL', CASE WHEN v_email IS NULL THEN 'email' ELSE 'display name' END
            USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.check_user_profile(p_email, p_display_name);
    IF p_user_type IS NULL OR NOT EXISTS (SELECT 1 FROM monay.user_types ut WHERE ut.user_type = p_user_type) THEN
        RAISE EXCEPTION 'invalid user_type %: expected one of %',
            coalesce(quote_literal(p_user_type), 'NULL'), monay_private.allowed_values('monay.user_types', 'user_type')
            USING ERRCODE = '22023';
    END IF;

    SELECT * INTO v_ctx FROM monay_private.verified_context();
    PERFORM monay_private.set_context(NULL, gen_random_uuid(), false);
    BEGIN
        INSERT INTO monay.users (id, email, display_name, user_type)
        VALUES (monay.current_user_id(), v_email, v_name, p_user_type)
        RETURNING * INTO v_row;
    EXCEPTION WHEN unique_violation THEN
        RAISE EXCEPTION 'a user with email % already exists', quote_literal(v_email)
            USING ERRCODE = '23505', HINT = 'Emails are unique regardless of letter case.';
    END;
    PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, coalesce(v_ctx.platform, false));
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.create_user(text, text, text) IS
    'Sign-up: creates a user (22023 bad input, 23505 email taken in any case).';
REVOKE ALL ON FUNCTION monay.create_user(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.create_user(text, text, text) TO monay_app, monay_platform;
