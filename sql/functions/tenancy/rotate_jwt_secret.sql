-- sql/functions/tenancy/rotate_jwt_secret.sql
CREATE OR REPLACE FUNCTION monay.rotate_jwt_secret(
    p_secret                  text
    , p_previous_valid_until  timestamptz
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Rotates the HS256 secret with an overlap window: p_secret signs new tokens
   from now on, and tokens signed with the previous secret are still accepted
   until p_previous_valid_until (set it to at least the lifetime of the tokens
   your issuer mints, e.g. now() + interval '1 hour'). A secret whose window
   has ended is deleted here and by monay.purge_retired_jwt_secrets (daily
   job), so retired secrets do not linger in the database or its dumps.
   Returns {accepted_secrets, previous_valid_until}.
   Raises 42501 (not the platform context), 22023 (secret under 32 bytes or
   the same as the current one; p_previous_valid_until NULL, not in the future,
   or more than 30 days ahead: use set_jwt_secret to cut over at once). */
DECLARE
    v_new      bytea;
    v_accepted integer;
BEGIN
    v_new := monay_private.jwt_secret_bytes('rotate_jwt_secret', p_secret);
    IF p_previous_valid_until IS NULL OR p_previous_valid_until <= now()
       OR p_previous_valid_until > now() + interval '30 days' THEN
        RAISE EXCEPTION 'previous_valid_until % must lie in the next 30 days (to cut over at once, use monay.set_jwt_secret)',
            coalesce(p_previous_valid_until::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM monay_private.jwt_secrets s WHERE s.secret = v_new) THEN
        RAISE EXCEPTION 'the new JWT secret is one already in use: rotate to a fresh one' USING ERRCODE = '22023';
    END IF;
    DELETE FROM monay_private.jwt_secrets s WHERE s.retired_at <= now();
    UPDATE monay_private.jwt_secrets SET retired_at = p_previous_valid_until WHERE retired_at IS NULL;
    INSERT INTO monay_private.jwt_secrets (secret) VALUES (v_new);
    SELECT count(*) INTO v_accepted FROM monay_private.jwt_secrets;
    RETURN jsonb_build_object('accepted_secrets', v_accepted, 'previous_valid_until', p_previous_valid_until);
END;
$$;

COMMENT ON FUNCTION monay.rotate_jwt_secret(text, timestamptz) IS
    'Platform only: new HS256 secret; the previous one is still accepted until the given time (overlap window).';
REVOKE ALL ON FUNCTION monay.rotate_jwt_secret(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.rotate_jwt_secret(text, timestamptz) TO monay_platform;
