-- sql/functions/billing/calculate_tenant_usage.sql
CREATE OR REPLACE FUNCTION monay.calculate_tenant_usage(
    p_tenant_id uuid
    , p_period  date DEFAULT NULL
)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Usage of a tenant against its limits for the month holding p_period (the
   current UTC month when NULL):
     {tenant_id, period, tier, tenant_status, overage_policy,
      transactions: {limit, used, remaining},
      computation_units: {limit, used, remaining},
      late_transactions, late_computation_units,
      rate_limit: {per_second, burst}, bill_status}
   limit is what the month's bill includes (prorated by days for tiers that
   bill overage, the full allowance for free), used what was tracked,
   remaining = max(limit - used, 0). Reads the sharded counters (a few rows),
   never the month's events: constant time at any volume.
   Raises 42501, 22023 (period out of range), MT301. */
DECLARE
    v_period date;
    v_bill   jsonb;
    v_state  record;
    v_cfg    monay.billing_tier_config;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'calculate_tenant_usage');
    v_period := CASE WHEN p_period IS NULL THEN date_trunc('month', now() AT TIME ZONE 'UTC')::date
                     ELSE monay_private.billing_period_start(p_period, 'calculate_tenant_usage') END;
    SELECT s.status, s.billing_tier INTO v_state
    FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    v_bill := coalesce(monay_private.billing_stored_bill(p_tenant_id, v_period),
                       monay_private.billing_compute(p_tenant_id, v_period));
    v_cfg := monay_private.billing_tier_version(v_state.billing_tier,
                                                date_trunc('month', now() AT TIME ZONE 'UTC')::date);
    RETURN jsonb_build_object(
        'tenant_id', p_tenant_id,
        'period', v_period,
        'tier', v_state.billing_tier,
        'tenant_status', v_state.status,
        'overage_policy', v_cfg.overage_policy,
        'transactions', v_bill #> '{usage,transactions}',
        'computation_units', v_bill #> '{usage,computation_units}',
        'late_transactions', v_bill #> '{usage,late_transactions}',
        'late_computation_units', v_bill #> '{usage,late_computation_units}',
        'rate_limit', jsonb_build_object('per_second', v_cfg.rate_limit_per_second,
                                         'burst', v_cfg.rate_limit_burst),
        'bill_status', v_bill ->> 'status');
END;
$$;

COMMENT ON FUNCTION monay.calculate_tenant_usage(uuid, date) IS
    'Usage vs limits {transactions: {limit, used, remaining}, computation_units: {...}} of a tenant and month.';
REVOKE ALL ON FUNCTION monay.calculate_tenant_usage(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.calculate_tenant_usage(uuid, date) TO monay_app, monay_platform, monay_readonly;
