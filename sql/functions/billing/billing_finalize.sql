-- sql/functions/billing/billing_finalize.sql
CREATE OR REPLACE FUNCTION monay_private.billing_finalize(
    p_tenant_id uuid
    , p_period  date
    , p_run_id  bigint DEFAULT NULL
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Finalizes the bill of one tenant for the month starting p_period (which
   must be over), exactly once:
   1. takes the exclusive advisory lock of (tenant, month) that every
      operation of that month holds shared until it commits
      (monay_private.billing_period_for): waits for the operations in
      flight, and later ones see the bill and count as late usage of the
      next month;
   2. if the month is billed already (by another run, or before a crash),
      returns that bill with created = false: nobody is billed twice (the
      primary key (tenant_id, period) would refuse a second row anyway);
   3. computes the bill from the counters (monay_private.billing_compute),
      stores it 'finalized' and applies the tenant's credit
      (monay_private.billing_waterfall).
   Returns the bill with created true/false. The caller commits. */
DECLARE
    c_lock_kind constant integer := 1296253249;  -- 'MBPL': the billing period lock
    v_bill jsonb;
BEGIN
    PERFORM pg_advisory_xact_lock(c_lock_kind, hashtext(p_tenant_id::text || ':' || p_period::text));
    -- A new statement, a new snapshot: it sees every operation committed
    -- before the lock was granted, and a bill another run committed.
    v_bill := monay_private.billing_stored_bill(p_tenant_id, p_period);
    IF v_bill IS NOT NULL THEN
        RETURN v_bill || '{"created": false}'::jsonb;
    END IF;
    v_bill := monay_private.billing_compute(p_tenant_id, p_period) || '{"status": "finalized"}'::jsonb;
    INSERT INTO monay.billing_metrics (tenant_id, period, tier, status, payment_method, days_in_period,
        transactions_included, transactions_used, computation_units_included, computation_units_used,
        late_transactions, late_computation_units, base_fee_cents, overage_transactions_cents,
        overage_computation_units_cents, total_before_discount_cents, usdxm_discount_cents, total_cents,
        cost_cents, gross_margin_percent, bill, run_id)
    VALUES (p_tenant_id, p_period, v_bill ->> 'tier', 'finalized', 'USDXM', (v_bill ->> 'days_in_period')::bigint,
        (v_bill #>> '{usage,transactions,limit}')::bigint, (v_bill #>> '{usage,transactions,used}')::bigint,
        (v_bill #>> '{usage,computation_units,limit}')::bigint, (v_bill #>> '{usage,computation_units,used}')::bigint,
        (v_bill #>> '{usage,late_transactions}')::bigint, (v_bill #>> '{usage,late_computation_units}')::bigint,
        (v_bill #>> '{costs,base_fee_cents}')::bigint, (v_bill #>> '{costs,overage_transactions_cents}')::bigint,
        (v_bill #>> '{costs,overage_computation_units_cents}')::bigint,
        (v_bill #>> '{costs,total_before_discount_cents}')::bigint,
        (v_bill #>> '{costs,usdxm_discount_cents}')::bigint, (v_bill #>> '{costs,total_cents}')::bigint,
        (v_bill #>> '{margin,cost_cents}')::bigint, (v_bill #>> '{margin,gross_margin_percent}')::numeric,
        v_bill, p_run_id);
    PERFORM monay_private.billing_waterfall(p_tenant_id);
    RETURN monay_private.billing_stored_bill(p_tenant_id, p_period) || '{"created": true}'::jsonb;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_finalize(uuid, date, bigint) IS
    'Finalizes one tenant''s month exactly once (period lock, stored bill, credit applied).';
REVOKE ALL ON FUNCTION monay_private.billing_finalize(uuid, date, bigint) FROM PUBLIC;
