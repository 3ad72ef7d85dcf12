-- sql/functions/audit/audit_link_failure.sql
CREATE OR REPLACE FUNCTION monay_private.audit_link_failure(
    p_conn      text
    , p_message text
    , p_detail  text
)
    RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* After a failure on the audit link (record_security_event,
   check_audit_link): closes the named dblink connection if it is open and
   returns the error as one line, its DETAIL appended (libpq's reason, e.g.
   'Peer authentication failed for user ...'). Raises nothing. */
BEGIN
    IF p_conn = ANY (coalesce(monay_private.dblink_get_connections(), '{}')) THEN
        PERFORM monay_private.dblink_disconnect(p_conn);
    END IF;
    RETURN btrim(regexp_replace(coalesce(p_message, '') || coalesce(': ' || nullif(btrim(p_detail), ''), ''),
                                '\s+', ' ', 'g'));
END;
$$;

COMMENT ON FUNCTION monay_private.audit_link_failure(text, text, text) IS
    'Closes a failed audit-link connection and returns its error (with DETAIL) as one line.';
REVOKE ALL ON FUNCTION monay_private.audit_link_failure(text, text, text) FROM PUBLIC;
