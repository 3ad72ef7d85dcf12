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
   DSN of monay_private.audit_link (monay_private.commit_elsewhere). Returns true when written durably. When no
   link is configured or it fails, the event is still counted by
   monay_private.security_event_seq (sequences ignore rollbacks) and reported
   as a WARNING in the server log; the caller's error is raised either way.
   p_detail is capped at 4096 bytes (a larger one is replaced by its size),
   since audit_log rows can never be deleted. */
DECLARE
    v_detail jsonb := p_detail;
BEGIN
    PERFORM nextval('monay_private.security_event_seq');
    IF octet_length(v_detail::text) > 4096 THEN
        v_detail := jsonb_build_object('detail_truncated_bytes', octet_length(v_detail::text),
                                       'sqlstate', left(v_detail ->> 'sqlstate', 5));
    END IF;
    RETURN monay_private.commit_elsewhere(
        format('SELECT monay_private.write_security_event(%L, %L, %L, %L, %L, %L)',
               p_action, p_tenant_id, p_user_id, v_detail, session_user, pg_current_xact_id_if_assigned()),
        format('security event %s (tenant %s, user %s)', p_action, p_tenant_id, p_user_id));
END;
$$;

COMMENT ON FUNCTION monay_private.record_security_event(text, uuid, uuid, jsonb) IS
    'Durable (dblink) audit row for a refused login or switch; survives the caller''s rollback.';
REVOKE ALL ON FUNCTION monay_private.record_security_event(text, uuid, uuid, jsonb) FROM PUBLIC;
