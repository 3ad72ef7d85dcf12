-- sql/functions/billing/write_billing_failure.sql
CREATE OR REPLACE FUNCTION monay_private.write_billing_failure(
    p_source      text
    , p_run_id    bigint
    , p_tenant_id uuid
    , p_period    date
    , p_sqlstate  text
    , p_message   text
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The remote half of monay_private.record_billing_failure: runs in the
   dblink session (a login in monay_audit) and inserts one row into
   monay_private.billing_failures, committed with that session's own
   transaction. The message is cut to 2,000 characters.
   Raises 23514 for an unknown source or a malformed SQLSTATE (CHECKs). */
BEGIN
    INSERT INTO monay_private.billing_failures (source, run_id, tenant_id, period, sqlstate, message)
    VALUES (p_source, p_run_id, p_tenant_id, p_period, p_sqlstate, left(coalesce(p_message, ''), 2000));
END;
$$;

COMMENT ON FUNCTION monay_private.write_billing_failure(text, bigint, uuid, date, text, text) IS
    'Inserts one billing failure (called over dblink by record_billing_failure).';
REVOKE ALL ON FUNCTION monay_private.write_billing_failure(text, bigint, uuid, date, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay_private.write_billing_failure(text, bigint, uuid, date, text, text)
    TO monay_audit;
