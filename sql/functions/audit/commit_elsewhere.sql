-- sql/functions/audit/commit_elsewhere.sql
CREATE OR REPLACE FUNCTION monay_private.commit_elsewhere(
    p_sql    text
    , p_what text
)
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The durable-write mechanism of the project (PostgreSQL has no autonomous
   transactions): runs p_sql (a SELECT of one of our monay_private write_*
   functions, built by the caller with format(%L)) over a dblink connection to
   this same database, as the login of monay_private.audit_link, in that
   session's own transaction, committed at once: the row survives the
   rollback of the caller's transaction. Returns true when written. When no
   link is configured or the write fails, it raises a WARNING naming p_what
   (server log) and returns false; it never raises. Used by
   record_security_event and record_billing_failure. */
DECLARE
    v_dsn  text;
    v_conn text := 'monay_audit_' || pg_backend_pid();
BEGIN
    SELECT l.dsn INTO v_dsn FROM monay_private.audit_link l;
    IF v_dsn IS NULL THEN
        RAISE WARNING 'monay % not recorded durably: no audit link configured', p_what;
        RETURN false;
    END IF;
    BEGIN
        PERFORM monay_private.dblink_connect_u(v_conn, v_dsn);
        -- dblink(), not dblink_exec(): the remote statement is a SELECT (of a
        -- void function), and dblink_exec refuses statements returning rows.
        PERFORM * FROM monay_private.dblink(v_conn, p_sql) AS r (result text);
        PERFORM monay_private.dblink_disconnect(v_conn);
    EXCEPTION WHEN OTHERS THEN
        IF v_conn = ANY (coalesce(monay_private.dblink_get_connections(), '{}')) THEN
            PERFORM monay_private.dblink_disconnect(v_conn);
        END IF;
        RAISE WARNING 'monay % not recorded durably: %', p_what, SQLERRM;
        RETURN false;
    END;
    RETURN true;
END;
$$;

COMMENT ON FUNCTION monay_private.commit_elsewhere(text, text) IS
    'Runs one write_* call over dblink in its own committed transaction (survives the caller''s rollback).';
REVOKE ALL ON FUNCTION monay_private.commit_elsewhere(text, text) FROM PUBLIC;
