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
   rollback of the caller's transaction. Returns true when written. The link
   must reach this very database (monay_private.database_identity() at both
   ends). When no link is configured, it reaches another database, or the
   write fails, it raises a WARNING naming p_what (and libpq's reason)
   (server log) and returns false; it never raises. Used by
   record_security_event and record_billing_failure. */
DECLARE
    v_dsn    text;
    v_conn   text := 'monay_audit_' || pg_backend_pid();
    v_remote text;
    v_why    text;
BEGIN
    SELECT l.dsn INTO v_dsn FROM monay_private.audit_link l;
    IF v_dsn IS NULL THEN
        RAISE WARNING 'monay % not recorded durably: no audit link configured', p_what;
        RETURN false;
    END IF;
    BEGIN
        PERFORM monay_private.dblink_connect_u(v_conn, v_dsn);
        -- The link must reach this very database: a restored copy whose link still
        -- points at the original writes nothing there.
        SELECT r.identity INTO v_remote
        FROM monay_private.dblink(v_conn, 'SELECT monay_private.database_identity()') AS r (identity text);
        IF v_remote IS DISTINCT FROM monay_private.database_identity() THEN
            RAISE EXCEPTION 'the audit link reaches another database (%), not this one (%): re-point it with monay_private.configure_audit_link',
                v_remote, monay_private.database_identity();
        END IF;
        -- dblink(), not dblink_exec(): the remote statement is a SELECT (of a
        -- void function), and dblink_exec refuses statements returning rows.
        PERFORM * FROM monay_private.dblink(v_conn, p_sql) AS r (result text);
        PERFORM monay_private.dblink_disconnect(v_conn);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_why = PG_EXCEPTION_DETAIL;
        RAISE WARNING 'monay % not recorded durably: %', p_what,
            monay_private.audit_link_failure(v_conn, SQLERRM, v_why);
        RETURN false;
    END;
    RETURN true;
END;
$$;

COMMENT ON FUNCTION monay_private.commit_elsewhere(text, text) IS
    'Runs one write_* call over dblink in its own committed transaction (survives the caller''s rollback).';
REVOKE ALL ON FUNCTION monay_private.commit_elsewhere(text, text) FROM PUBLIC;
