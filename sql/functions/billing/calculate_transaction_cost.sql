-- sql/functions/billing/calculate_transaction_cost.sql
CREATE OR REPLACE FUNCTION monay.calculate_transaction_cost(
    p_tenant_id        uuid
    , p_operation_type text
    , p_quantity       integer DEFAULT 1
)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* What p_quantity operations of p_operation_type would cost p_tenant_id if
   tracked now: the increase of this month's bill they would cause, computed
   with the bill's own rules (monay_private.billing_compute with and without
   them), so it includes the allowance still left and every rounding.
   Returns {tenant_id, operation_type, quantity, tier, computation_units,
   transactions, bill_increase_cents (before the USDXM discount),
   bill_increase_usdxm_cents, cost_to_monay_millicents, within_allowance,
   allowed}. within_allowance: the usage of the tenant's current tier this
   month (its own line of the bill, not the other tiers held earlier in the
   month) plus the request stays within that tier's included transactions
   and units (prorated for tiers that bill overage, the full allowance for
   free). allowed: false when the tier refuses overage (free) and the request
   is not within the allowance: the dry run answers, it does not raise MT402
   (the full check, rate limit and status included, is
   monay.enforce_tenant_limits).
   Records nothing. Raises 42501, 22023 (quantity < 1), MT416 (quantity
   above BILLING_MAX_OPERATION_QUANTITY), MT401, MT301. */
DECLARE
    v_month  date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
    v_cost   monay.operation_costs;
    v_tier   text;
    v_tx     bigint;
    v_cu     bigint;
    v_before jsonb;
    v_after  jsonb;
    v_line   jsonb;
    v_within boolean;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'calculate_transaction_cost');
    v_cost := monay_private.billing_operation_cost(p_tenant_id, p_operation_type, p_quantity, 'calculate_transaction_cost');
    SELECT s.billing_tier INTO v_tier FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    v_tx := CASE WHEN v_cost.counts_as_transaction THEN p_quantity ELSE 0 END;
    v_cu := v_cost.computation_units * p_quantity;
    v_before := monay_private.billing_compute(p_tenant_id, v_month);
    v_after := monay_private.billing_compute(p_tenant_id, v_month, v_tier, v_tx, v_cu,
                                             v_cost.cost_millicents * p_quantity);
    SELECT l INTO v_line FROM jsonb_array_elements(v_after -> 'lines') l WHERE l ->> 'tier' = v_tier;
    v_within := (v_line ->> 'transactions_used')::bigint <= (v_line ->> 'included_transactions')::bigint
                AND (v_line ->> 'computation_units_used')::bigint <= (v_line ->> 'included_computation_units')::bigint;
    RETURN jsonb_build_object(
        'tenant_id', p_tenant_id, 'operation_type', p_operation_type, 'quantity', p_quantity, 'tier', v_tier,
        'computation_units', v_cu, 'transactions', v_tx,
        'bill_increase_cents', (v_after #>> '{costs,total_before_discount_cents}')::bigint
                               - (v_before #>> '{costs,total_before_discount_cents}')::bigint,
        'bill_increase_usdxm_cents', (v_after #>> '{costs,total_cents}')::bigint
                                     - (v_before #>> '{costs,total_cents}')::bigint,
        'cost_to_monay_millicents', v_cost.cost_millicents * p_quantity,
        'within_allowance', v_within,
        'allowed', v_within OR v_line ->> 'overage_policy' <> 'refuse');
END;
$$;

COMMENT ON FUNCTION monay.calculate_transaction_cost(uuid, text, integer) IS
    'What tracking an operation now would add to the tenant''s bill (same rules as the bill); records nothing.';
REVOKE ALL ON FUNCTION monay.calculate_transaction_cost(uuid, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.calculate_transaction_cost(uuid, text, integer) TO monay_app, monay_platform;
