-- sql/functions/audit/record_security_event.sql
CREATE OR REPLACE FUNCTION monay_private.record_security_event(
    p_action      text
    , p_tenant_id uuid
    , p_user_id   uuid
    , p_detail    jsonb
)
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Records a refused login or tenant switch so that it survives the rollback
   of the caller's transaction: the row is written over a dblink connection
   to this same database (its own transaction, committed at once), using the
   DSN of monay_private.audit_link. Returns true when written durably. When no
   link is configured or it fails, the event is still counted by
   monay_private.security_event_seq (sequences ignore rollbacks) and reported
   as a WARNING in the server log; the caller's error is raised either way.
   The link must reach this very database (monay_private.database_identity()
   at both ends): a restored copy whose link still points at the original
   writes nothing there (WARNING: re-point the link). p_detail is capped at
   4096 bytes (a larger one is replaced by its size), since audit_log rows
   can never be deleted. */
DECLARE
    v_dsn    text;
    v_conn   text := 'monay_audit_' || pg_backend_pid();
    v_sql    text;
    v_remote text;
    v_detail jsonb := p_detail;
    v_why    text;
BEGIN
    PERFORM nextval('monay_private.security_event_seq');
    IF octet_length(v_detail::text) > 4096 THEN
        v_detail := jsonb_build_object('detail_truncated_bytes', octet_length(v_detail::text),
                                       'sqlstate', left(v_detail ->> 'sqlstate', 5));
    END IF;
    SELECT l.dsn INTO v_dsn FROM monay_private.audit_link l;
    IF v_dsn IS NULL THEN
        RAISE WARNING 'monay security event % (tenant %, user %) not recorded durably: no audit link configured',
            p_action, p_tenant_id, p_user_id;
        RETURN false;
    END IF;
    v_sql := format('SELECT monay_private.write_security_event(%L, %L, %L, %L, %L, %L)',
                    p_action, p_tenant_id, p_user_id, v_detail, session_user,
                    pg_current_xact_id_if_assigned());
    BEGIN
        PERFORM monay_private.dblink_connect_u(v_conn, v_dsn);
        SELECT r.identity INTO v_remote
        FROM monay_private.dblink(v_conn, 'SELECT monay_private.database_identity()') AS r (identity text);
        IF v_remote IS DISTINCT FROM monay_private.database_identity() THEN
            RAISE EXCEPTION 'the audit link reaches another database (%), not this one (%): re-point it with monay_private.configure_audit_link',
                v_remote, monay_private.database_identity();
        END IF;
        -- dblink(), not dblink_exec(): the remote statement is a SELECT (of a
        -- void function), and dblink_exec refuses statements returning rows.
        PERFORM * FROM monay_private.dblink(v_conn, v_sql) AS r (result text);
        PERFORM monay_private.dblink_disconnect(v_conn);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_why = PG_EXCEPTION_DETAIL;
        RAISE WARNING 'monay security event % (tenant %, user %) not recorded durably: %',
            p_action, p_tenant_id, p_user_id, monay_private.audit_link_failure(v_conn, SQLERRM, v_why);
        RETURN false;
    END;
    RETURN true;
END;
$$;

COMMENT ON FUNCTION monay_private.record_security_event(text, uuid, uuid, jsonb) IS
    'Durable (dblink) audit row for a refused login or switch; survives the caller''s rollback.';
REVOKE ALL ON FUNCTION monay_private.record_security_event(text, uuid, uuid, jsonb) FROM PUBLIC;
