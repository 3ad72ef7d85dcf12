-- sql/functions/billing/record_billing_failure.sql
CREATE OR REPLACE FUNCTION monay_private.record_billing_failure(
    p_source      text
    , p_run_id    bigint
    , p_tenant_id uuid
    , p_period    date
    , p_sqlstate  text
    , p_message   text
)
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Records a billing failure in monay_private.billing_failures so that it
   survives the rollback of the caller's transaction: written through
   monay_private.commit_elsewhere (dblink to this database, the project's one
   durable-write mechanism, shared with the security events). Returns true
   when written durably; false (and a WARNING in the server log) when no
   audit link is configured or the write failed. Never raises: the caller
   goes on (the monthly run) or raises its own error. */
BEGIN
    RETURN monay_private.commit_elsewhere(
        format('SELECT monay_private.write_billing_failure(%L, %L, %L, %L, %L, %L)',
               p_source, p_run_id, p_tenant_id, p_period, p_sqlstate, left(p_message, 2000)),
        format('billing failure %s %s (tenant %s, period %s)', p_source, p_sqlstate, p_tenant_id, p_period));
END;
$$;

COMMENT ON FUNCTION monay_private.record_billing_failure(text, bigint, uuid, date, text, text) IS
    'Durable (dblink) row in monay_private.billing_failures; survives the caller''s rollback.';
REVOKE ALL ON FUNCTION monay_private.record_billing_failure(text, bigint, uuid, date, text, text) FROM PUBLIC;
