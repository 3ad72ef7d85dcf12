-- sql/functions/billing/billing_finalize_tenant.sql
CREATE OR REPLACE FUNCTION monay_private.billing_finalize_tenant(
    p_tenant_id uuid
    , p_period  date
    , p_run_id  bigint DEFAULT NULL
)
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Finalizes the bill of one tenant for the month starting p_period (which
   must be over), exactly once:
   1. takes the exclusive period lock (month, tenant bucket:
      monay_private.billing_period_lock_key) that every operation of that
      month holds shared until it commits (monay_private.billing_period_for):
      waits for the operations in flight, and later ones see the bill and
      count as late usage of the running month. The wait obeys lock_timeout
      (55P03): the monthly run sets a short one and retries the tenant
      later instead of waiting on an application's open transaction;
   2. if the month is billed already (by another run, or before a crash),
      returns false: nobody is billed twice (the primary key (tenant_id,
      period) would refuse a second row anyway);
   3. computes the bill from the counters and stores it
      (monay_private.billing_store_bills, as the monthly run's batches do):
      'finalized' (a bill of 0 is 'paid' at once: nothing is due)
      and, for a bill above 0, takes the tenant's waterfall lock before it
      looks for payments: a payment committed before sees this bill through
      the waterfall here; a payment in flight waits for this transaction and
      its own waterfall then sees the bill. Credit pays a bill the moment it
      is finalized, whatever the interleaving. Returns true.
   The caller commits. Kept lean: the monthly run calls it once per tenant. */
DECLARE
    c_lock_kind constant integer := 1296253249;  -- 'MBPL': the billing period lock
    c_waterfall constant integer := 1296253207;  -- 'MBPW': the waterfall lock (billing_waterfall)
    v_total bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(c_lock_kind, monay_private.billing_period_lock_key(p_tenant_id, p_period));
    -- A new statement, a new snapshot: it sees every operation committed
    -- before the lock was granted, and a bill another run committed. The
    -- bill is priced and stored by the same code as the monthly run's
    -- batches (monay_private.billing_store_bills), which passes over a
    -- month billed already.
    SELECT s.total_before_discount_cents INTO v_total
    FROM monay_private.billing_store_bills(ARRAY[p_tenant_id], p_period, p_run_id) s;
    IF NOT FOUND THEN
        IF EXISTS (SELECT 1 FROM monay.billing_metrics m WHERE m.tenant_id = p_tenant_id AND m.period = p_period) THEN
            RETURN false;
        END IF;
        -- No bill stored and none there: raises MT301 or MT416, as it says.
        PERFORM monay_private.billing_compute(p_tenant_id, p_period);
        -- Unreachable (the lock is held and nothing else stores bills): an invariant.
        ASSERT false, format('the bill of tenant %s for %s could not be stored', p_tenant_id, p_period);
    END IF;
    IF v_total > 0 THEN
        -- The lock first, then a new statement (a new snapshot) looks for payments.
        PERFORM pg_advisory_xact_lock(c_waterfall, hashtext(p_tenant_id::text || ':all'));
        IF EXISTS (SELECT 1 FROM monay.payments p WHERE p.tenant_id = p_tenant_id) THEN
            PERFORM monay_private.billing_waterfall(p_tenant_id);
        END IF;
    END IF;
    RETURN true;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_finalize_tenant(uuid, date, bigint) IS
    'Finalizes one tenant''s month exactly once (period lock, stored bill, credit applied).';
REVOKE ALL ON FUNCTION monay_private.billing_finalize_tenant(uuid, date, bigint) FROM PUBLIC;
