-- sql/functions/billing/billing_run_tenant.sql
CREATE OR REPLACE FUNCTION monay_private.billing_run_tenant(
    p_run_id         bigint
    , p_tenant_id    uuid
    , p_period       date
    , p_lock_timeout text
    , p_record_busy  boolean
)
    RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* One tenant of a monthly run, isolated: finalizes its month
   (monay_private.billing_finalize_tenant) in a subtransaction whose waits
   for locks are bounded by p_lock_timeout, then restores the caller's
   lock_timeout. Returns
     'billed'  the bill was made now;
     'skipped' it existed already (another run, a rerun);
     'busy'    a lock was still held after p_lock_timeout (55P03): usage in
               flight or an application's open transaction; recorded as a
               failure only when p_record_busy (the retry pass);
     'failed'  any other error: rolled back alone and recorded durably in
               monay_private.billing_failures (source monthly_run, run,
               tenant, period, SQLSTATE, message).
   Shared by monay.billing_run_batch and monay.billing_run_retry. Never
   raises for the tenant's own failure. */
DECLARE
    v_timeout text := current_setting('lock_timeout');
    v_result  text;
    v_state   text;
    v_msg     text;
BEGIN
    BEGIN
        PERFORM set_config('lock_timeout', p_lock_timeout, true);
        v_result := CASE WHEN monay_private.billing_finalize_tenant(p_tenant_id, p_period, p_run_id)
                         THEN 'billed' ELSE 'skipped' END;
        PERFORM set_config('lock_timeout', v_timeout, true);
        RETURN v_result;
    EXCEPTION WHEN OTHERS THEN
        -- The subtransaction's set_config is undone with it.
        GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT;
    END;
    IF v_state = '55P03' THEN
        IF NOT p_record_busy THEN
            RETURN 'busy';
        END IF;
        v_msg := format('the billing period lock of tenant %s for %s is still held (usage in flight, an open '
                        'transaction) after %s: %s', p_tenant_id, to_char(p_period, 'YYYY-MM'), p_lock_timeout, v_msg);
    END IF;
    PERFORM monay_private.record_billing_failure('monthly_run', p_run_id, p_tenant_id, p_period, v_state, v_msg);
    RETURN CASE WHEN v_state = '55P03' THEN 'busy' ELSE 'failed' END;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_run_tenant(bigint, uuid, date, text, boolean) IS
    'One tenant of a monthly run in a subtransaction: billed | skipped | busy | failed (recorded durably).';
REVOKE ALL ON FUNCTION monay_private.billing_run_tenant(bigint, uuid, date, text, boolean) FROM PUBLIC;
