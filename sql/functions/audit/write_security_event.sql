-- sql/functions/audit/write_security_event.sql
CREATE OR REPLACE FUNCTION monay_private.write_security_event(
    p_action        text
    , p_tenant_id   uuid
    , p_user_id     uuid
    , p_detail      jsonb
    , p_db_user     text
    , p_txid        xid8
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The remote half of record_security_event: runs in the dblink session (as
   a member of monay_audit) and inserts the audit row, which commits with that
   session's own transaction. Only auth_refused and switch_refused. */
BEGIN
    IF p_action NOT IN ('auth_refused', 'switch_refused') THEN
        RAISE EXCEPTION 'not a security event: %', p_action USING ERRCODE = '22023';
    END IF;
    INSERT INTO monay.audit_log (tenant_id, context_tenant_id, actor_user_id, db_user, action,
                                 detail, txid)
    VALUES (p_tenant_id, NULL, p_user_id, coalesce(p_db_user, session_user), p_action,
            p_detail, p_txid::text::bigint);
END;
$$;

COMMENT ON FUNCTION monay_private.write_security_event(text, uuid, uuid, jsonb, text, xid8) IS
    'Inserts one security event into monay.audit_log (called over dblink by record_security_event).';
REVOKE ALL ON FUNCTION monay_private.write_security_event(text, uuid, uuid, jsonb, text, xid8) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay_private.write_security_event(text, uuid, uuid, jsonb, text, xid8)
    TO monay_audit;
