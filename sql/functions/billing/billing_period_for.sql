-- sql/functions/billing/billing_period_for.sql
CREATE OR REPLACE FUNCTION monay_private.billing_period_for(
    p_tenant_id      uuid
    , p_occurred_at  timestamptz
    , OUT period     date
    , OUT late       boolean
)
    LANGUAGE plpgsql VOLATILE
AS $$
/* The billing period that counts an operation of p_tenant_id that happened
   at p_occurred_at (the first day of a UTC month), and whether it is late.
   Late-usage rule (docs/billing.md "Late events"): an operation counts in
   its own month when that month is the running month, or the month before
   it while that month has no bill yet; otherwise (an older month, or a
   billed one) it counts in the running month, marked late. A finalized bill
   never changes, and no month gets a fresh allowance after the fact.
   Takes the shared period lock (1296253249, billing_period_lock_key) of the
   month it counts in and holds it to the end of the transaction: the
   monthly run takes it exclusively before it finalizes a month, so an
   operation either commits before the run reads the counters or sees the
   bill. At most two such locks per tenant (previous and running month),
   whatever the input.
   The tenant's creation time comes from monay_private.billing_tenant_state
   (the hot path's mirror of monay.tenants, no RLS): every caller has checked
   first that the context is this tenant's or the platform's.
   SECURITY INVOKER, executable by monay_owner only: called from the SECURITY
   DEFINER usage functions (track_operation, track_operations, the
   billing_operations_fill trigger) with their pinned search_path; a call of
   its own (a definer's search_path switch) cost as much as its work.
   Raises MT415 when p_occurred_at is not finite or before the tenant was
   created (names the tenant, the value and the creation time), MT301 when
   the tenant does not exist. */
DECLARE
    c_lock_kind constant integer := 1296253249;  -- 'MBPL': the billing period lock
    v_created   timestamptz;
    v_month     date;
BEGIN
    -- The mirror of monay.tenants (no RLS: the callers have checked the context already);
    -- monay.tenants itself only for a row the mirror has no creation time for.
    SELECT s.created_at INTO v_created FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    IF v_created IS NULL THEN
        SELECT t.created_at INTO v_created FROM monay.tenants t WHERE t.id = p_tenant_id;
        PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    END IF;
    IF p_occurred_at IS NULL OR NOT isfinite(p_occurred_at) OR p_occurred_at < v_created THEN
        RAISE EXCEPTION 'occurred_at % of tenant % is not a finite time at or after the tenant''s creation (%)',
            coalesce(p_occurred_at::text, 'NULL'), p_tenant_id, v_created USING ERRCODE = 'MT415',
            HINT = 'Usage can only happen while the tenant exists.';
    END IF;
    period := date_trunc('month', p_occurred_at AT TIME ZONE 'UTC')::date;
    late := false;
    v_month := date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date;
    IF period < (v_month - interval '1 month')::date THEN
        period := v_month;
        late := true;
    END IF;
    LOOP
        PERFORM pg_advisory_xact_lock_shared(c_lock_kind, monay_private.billing_period_lock_key(p_tenant_id, period));
        -- The clock is read after the lock: a month still running now has no bill.
        v_month := date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date;
        EXIT WHEN period >= v_month;
        IF period >= (v_month - interval '1 month')::date
           AND NOT EXISTS (SELECT 1 FROM monay.billing_metrics m
                           WHERE m.tenant_id = p_tenant_id AND m.period = billing_period_for.period) THEN
            EXIT;
        END IF;
        late := true;
        period := v_month;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_period_for(uuid, timestamptz) IS
    'Billing period counting an operation (late usage counts in the running month); takes the period lock.';
REVOKE ALL ON FUNCTION monay_private.billing_period_for(uuid, timestamptz) FROM PUBLIC;
