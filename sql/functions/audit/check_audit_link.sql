-- sql/functions/audit/check_audit_link.sql
CREATE OR REPLACE FUNCTION monay_private.check_audit_link()
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Says whether refused logins and switches would be recorded durably, without
   recording anything: opens the audit link's connection, checks that it
   reaches this very database (database_identity at both ends) as a role that
   may write security events, and closes it. Returns
   {configured, ok, reason, this_database, link_database, link_user}; reason
   is NULL when ok, else one line saying what to fix (no link; the
   connection's own error, e.g. 'password authentication failed' or 'Peer
   authentication failed'; another database, after a restore; a role outside
   monay_audit). The DSN itself is not returned (it may hold a password).
   Raises nothing itself: a broken link is an answer, not an error. For the DBA
   (`monaydb audit check`): executable by the owner and superusers only. */
DECLARE
    v_dsn      text;
    v_conn     text := 'monay_audit_check_' || pg_backend_pid();
    v_here     text := monay_private.database_identity();
    v_there    text;
    v_user     text;
    v_may      boolean;
    v_reason   text;
    v_why      text;
BEGIN
    SELECT l.dsn INTO v_dsn FROM monay_private.audit_link l;
    IF v_dsn IS NULL THEN
        RETURN jsonb_build_object('configured', false, 'ok', false, 'this_database', v_here,
            'reason', 'no audit link configured: see docs/operations.md, "The audit link"');
    END IF;
    BEGIN
        PERFORM monay_private.dblink_connect_u(v_conn, v_dsn);
        SELECT r.identity, r.who, r.may INTO v_there, v_user, v_may
        FROM monay_private.dblink(v_conn,
            'SELECT monay_private.database_identity(), current_user::text, '
            'has_function_privilege(''monay_private.write_security_event(text, uuid, uuid, jsonb, text, xid8)'', ''EXECUTE'')')
            AS r (identity text, who text, may boolean);
        PERFORM monay_private.dblink_disconnect(v_conn);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_why = PG_EXCEPTION_DETAIL;
        v_reason := 'cannot use the audit link: ' || monay_private.audit_link_failure(v_conn, SQLERRM, v_why);
    END;
    IF v_reason IS NULL AND v_there IS DISTINCT FROM v_here THEN
        v_reason := format('the audit link reaches another database (%s), not this one (%s): after a restore '
                           'or copy, re-point it with monay_private.configure_audit_link', v_there, v_here);
    ELSIF v_reason IS NULL AND NOT coalesce(v_may, false) THEN
        v_reason := format('the audit link connects as %s, which may not write security events: '
                           'GRANT monay_audit TO %s', v_user, v_user);
    END IF;
    RETURN jsonb_build_object('configured', true, 'ok', v_reason IS NULL, 'reason', v_reason,
                              'this_database', v_here, 'link_database', v_there, 'link_user', v_user);
END;
$$;

COMMENT ON FUNCTION monay_private.check_audit_link() IS
    'DBA check: would refusals be recorded durably? Connects over the audit link, writes nothing.';
REVOKE ALL ON FUNCTION monay_private.check_audit_link() FROM PUBLIC;
