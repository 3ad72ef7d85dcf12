-- sql/functions/billing/calculate_tenant_billing.sql
CREATE OR REPLACE FUNCTION monay.calculate_tenant_billing(
    p_tenant_id uuid
    , p_period  date
)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The hybrid bill of one tenant for the calendar month (UTC) holding
   p_period (any day of the month names it):
     {tenant_id, period, period_end, days_in_period, tier, status,
      usage: {transactions: {limit, used, remaining},
              computation_units: {limit, used, remaining},
              late_transactions, late_computation_units},
      costs: {base_fee_cents, overage_transactions_cents,
              overage_computation_units_cents, total_before_discount_cents,
              usdxm_discount_cents, total_cents, payment_method},
      margin: {cost_cents, gross_margin_percent, target_gross_margin_percent},
      lines: [one per tier held or used in the month]}
   usdxm_discount_cents = floor(total_before_discount_cents * 10 / 100) in
   integers; total_cents is what the tenant pays in USDXM (its preferred
   coin). A month not billed yet is computed now from the usage counters
   (status 'draft'); a billed month returns its stored bill (status
   finalized, paid or void) with adjustments_cents, paid_cents and
   balance_due_cents. Rules: monay_private.billing_compute, docs/billing.md.
   Raises 42501 (context may not act on the tenant), 22023 (NULL or out of
   range), MT301 (no such tenant). */
DECLARE
    v_period date;
    v_bill   jsonb;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'calculate_tenant_billing');
    v_period := monay_private.billing_period_start(p_period, 'calculate_tenant_billing');
    -- The running month cannot have a stored bill (the run refuses it): a
    -- draft skips the look-up and its function call (the hot read path).
    IF v_period < date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date THEN
        v_bill := monay_private.billing_stored_bill(p_tenant_id, v_period);
        IF v_bill IS NOT NULL THEN
            RETURN v_bill;
        END IF;
    END IF;
    RETURN monay_private.billing_compute(p_tenant_id, v_period);
END;
$$;

COMMENT ON FUNCTION monay.calculate_tenant_billing(uuid, date) IS
    'Hybrid bill (base + overages, USDXM discount, margin) of a tenant and month; the stored one once billed.';
REVOKE ALL ON FUNCTION monay.calculate_tenant_billing(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.calculate_tenant_billing(uuid, date) TO monay_app, monay_platform, monay_readonly;
