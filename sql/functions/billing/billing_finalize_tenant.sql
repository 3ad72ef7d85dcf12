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
   3. computes the bill from the counters (monay_private.billing_compute),
      stores it 'finalized' (a bill of 0 is 'paid' at once: nothing is due)
      and, for a bill above 0, takes the tenant's waterfall lock before it
      looks for payments: a payment committed before sees this bill through
      the waterfall here; a payment in flight waits for this transaction and
      its own waterfall then sees the bill. Credit pays a bill the moment it
      is finalized, whatever the interleaving. Returns true.
   The caller commits. Kept lean: the monthly run calls it once per tenant. */
DECLARE
    c_lock_kind constant integer := 1296253249;  -- 'MBPL': the billing period lock
    c_waterfall constant integer := 1296253207;  -- 'MBPW': the waterfall lock (billing_waterfall)
    v_bill  jsonb;
    v_total bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(c_lock_kind, monay_private.billing_period_lock_key(p_tenant_id, p_period));
    -- A new statement, a new snapshot: it sees every operation committed
    -- before the lock was granted, and a bill another run committed.
    IF EXISTS (SELECT 1 FROM monay.billing_metrics m WHERE m.tenant_id = p_tenant_id AND m.period = p_period) THEN
        RETURN false;
    END IF;
    v_bill := monay_private.billing_compute(p_tenant_id, p_period) || '{"status": "finalized"}'::jsonb;
    v_total := (v_bill #>> '{costs,total_before_discount_cents}')::bigint;
    INSERT INTO monay.billing_metrics (tenant_id, period, tier, status, payment_method, days_in_period,
        transactions_included, transactions_used, computation_units_included, computation_units_used,
        late_transactions, late_computation_units, base_fee_cents, overage_transactions_cents,
        overage_computation_units_cents, total_before_discount_cents, usdxm_discount_cents, total_cents,
        cost_cents, gross_margin_percent, bill, run_id, paid_at)
    VALUES (p_tenant_id, p_period, v_bill ->> 'tier', CASE WHEN v_total = 0 THEN 'paid' ELSE 'finalized' END,
        'USDXM', (v_bill ->> 'days_in_period')::bigint,
        (v_bill #>> '{usage,transactions,limit}')::bigint, (v_bill #>> '{usage,transactions,used}')::bigint,
        (v_bill #>> '{usage,computation_units,limit}')::bigint, (v_bill #>> '{usage,computation_units,used}')::bigint,
        (v_bill #>> '{usage,late_transactions}')::bigint, (v_bill #>> '{usage,late_computation_units}')::bigint,
        (v_bill #>> '{costs,base_fee_cents}')::bigint, (v_bill #>> '{costs,overage_transactions_cents}')::bigint,
        (v_bill #>> '{costs,overage_computation_units_cents}')::bigint, v_total,
        (v_bill #>> '{costs,usdxm_discount_cents}')::bigint, (v_bill #>> '{costs,total_cents}')::bigint,
        (v_bill #>> '{margin,cost_cents}')::bigint, (v_bill #>> '{margin,gross_margin_percent}')::numeric,
        v_bill, p_run_id, CASE WHEN v_total = 0 THEN now() END);
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
