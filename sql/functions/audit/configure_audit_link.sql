-- sql/functions/audit/configure_audit_link.sql
CREATE OR REPLACE FUNCTION monay_private.configure_audit_link(
    p_dsn text
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Stores the libpq connection string for durable security events (a login
   role in monay_audit, this database). Called by the DBA (or `monaydb
   migrate` on the embedded cluster); NULL or '' removes it. */
BEGIN
    IF nullif(btrim(p_dsn), '') IS NULL THEN
        DELETE FROM monay_private.audit_link;
        RETURN;
    END IF;
    INSERT INTO monay_private.audit_link (dsn) VALUES (p_dsn)
    ON CONFLICT (singleton) DO UPDATE SET dsn = excluded.dsn, updated_at = now();
END;
$$;

COMMENT ON FUNCTION monay_private.configure_audit_link(text) IS
    'Sets the dblink DSN used to write security events durably (DBA only).';
REVOKE ALL ON FUNCTION monay_private.configure_audit_link(text) FROM PUBLIC;
