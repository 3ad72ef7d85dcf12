-- sql/functions/audit/refuse_access.sql
CREATE OR REPLACE FUNCTION monay_private.refuse_access(
    p_action      text
    , p_sqlstate  text
    , p_message   text
    , p_tenant_id uuid
    , p_user_id   uuid
    , p_detail    jsonb
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Records a refused login or switch durably (record_security_event), then
   raises p_sqlstate with p_message. Never returns. */
BEGIN
    PERFORM monay_private.record_security_event(
        p_action, p_tenant_id, p_user_id,
        coalesce(p_detail, '{}'::jsonb) || jsonb_build_object('sqlstate', p_sqlstate, 'reason', p_message));
    RAISE EXCEPTION USING ERRCODE = p_sqlstate, MESSAGE = p_message;
END;
$$;

COMMENT ON FUNCTION monay_private.refuse_access(text, text, text, uuid, uuid, jsonb) IS
    'Durably records a refused login/switch, then raises the given SQLSTATE.';
REVOKE ALL ON FUNCTION monay_private.refuse_access(text, text, text, uuid, uuid, jsonb) FROM PUBLIC;
