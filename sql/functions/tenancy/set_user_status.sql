-- sql/functions/tenancy/set_user_status.sql
CREATE OR REPLACE FUNCTION monay_private.set_user_status(
    p_operation  text
    , p_user_id  uuid
    , p_status   text
)
    RETURNS monay.users
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The one body of monay.disable_user and monay.enable_user: platform context
   only, locks the user's row, sets status p_status ('active' or 'disabled')
   and returns the row; already in that status: no change (idempotent).
   Audited by trigger (users_audit).
   Raises:
     42501 not the platform context
     22023 p_user_id NULL
     MT302 the user does not exist */
DECLARE
    v_row monay.users;
BEGIN
    PERFORM monay_private.require_platform(format('%s(%s)', p_operation, p_user_id));
    PERFORM monay_private.require_not_null(p_user_id, 'p_user_id', p_operation);
    SELECT * INTO v_row FROM monay.users u WHERE u.id = p_user_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION '%: user % does not exist', p_operation, p_user_id USING ERRCODE = 'MT302';
    END IF;
    IF v_row.status IS DISTINCT FROM p_status THEN
        UPDATE monay.users u SET status = p_status, updated_at = now()
        WHERE u.id = p_user_id
        RETURNING * INTO v_row;
    END IF;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay_private.set_user_status(text, uuid, text) IS
    'Body of disable_user/enable_user: platform only, idempotent status change of one user.';
REVOKE ALL ON FUNCTION monay_private.set_user_status(text, uuid, text) FROM PUBLIC;
