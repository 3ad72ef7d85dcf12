-- sql/functions/billing/billing_period_for.sql
CREATE OR REPLACE FUNCTION monay_private.billing_period_for(
    p_tenant_id      uuid
    , p_occurred_at  timestamptz
    , OUT period     date
    , OUT late       boolean
)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The billing period that counts an operation of p_tenant_id that happened
   at p_occurred_at (the first day of its UTC month), and whether it is late.
   Takes the shared advisory lock (1296253249, hashtext(tenant:period)) that
   the monthly run takes exclusively before it finalizes that month, and holds
   it to the end of the transaction: an operation either commits before the
   run reads the month's counters, or waits and then sees the finalized bill.
   Late-event rule: an operation whose month is already billed counts in the
   first later month of the tenant that has no bill yet, marked late (a
   finalized bill never changes). A month that has not ended cannot be billed
   (the run refuses it), so an operation of the running month skips the
   look-up: the usual case costs one lock and no query. */
DECLARE
    c_lock_kind constant integer := 1296253249;  -- 'MBPL': the billing period lock
BEGIN
    period := date_trunc('month', p_occurred_at AT TIME ZONE 'UTC')::date;
    late := false;
    LOOP
        PERFORM pg_advisory_xact_lock_shared(c_lock_kind, hashtext(p_tenant_id::text || ':' || period::text));
        -- The clock is read after the lock: a month still running now has no bill.
        EXIT WHEN period >= date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date;
        EXIT WHEN NOT EXISTS (SELECT 1 FROM monay.billing_metrics m
                              WHERE m.tenant_id = p_tenant_id AND m.period = billing_period_for.period);
        late := true;
        period := (period + interval '1 month')::date;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_period_for(uuid, timestamptz) IS
    'Billing period counting an operation (late usage moves to the next open month); takes the period lock.';
REVOKE ALL ON FUNCTION monay_private.billing_period_for(uuid, timestamptz) FROM PUBLIC;
