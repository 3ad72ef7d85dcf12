-- sql/functions/billing/enforce_tenant_limits.sql
CREATE OR REPLACE FUNCTION monay.enforce_tenant_limits(
    p_tenant_id        uuid
    , p_operation_type text
    , p_quantity       integer DEFAULT 1
)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Would p_quantity operations of p_operation_type be accepted for
   p_tenant_id now? A dry run: records nothing and takes no rate-limit token
   (track_operation and track_operations enforce the same rules atomically
   while recording, in monay_private.billing_account). It answers, it does
   not raise, when a limit refuses: allowed = false and refusal =
   {sqlstate, message} with the SQLSTATE recording would raise:
     MT404 tenant suspended or closed
     MT403 the next call of this connection would exceed the rate limit
     MT402 a tier that refuses overage (free) would exceed its allowance
           (message: tenant, tier, limit, usage, request)
   Paid tiers never refuse over the allowance: it is billed (overage).
   Raises only for a bad request: 42501 (the context may not act on the
   tenant), 22023 (quantity < 1), MT416 (quantity above
   BILLING_MAX_OPERATION_QUANTITY), MT401 (unknown type), MT301 (no tenant).
   Returns {allowed, refusal (null when allowed), tenant_id, tier, overage_policy, operation_type,
   quantity, transactions: {limit, used, requested},
   computation_units: {limit, used, requested}, overage} where limit/used are
   the tier's allowance and usage this month, and overage says whether the
   request goes beyond the allowance (billed on a paid tier). */
DECLARE
    v_month   date := date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date;
    -- The rate limit's clock is the transaction's start (one request, one transaction):
    -- calls made inside one transaction count as made at once, whatever the machine's load.
    v_now_us  bigint := (extract(epoch FROM now()) * 1000000)::bigint;
    v_cost    monay.operation_costs;
    v_state   record;
    v_cfg     monay.billing_tier_config;
    v_slot    bigint;
    v_step    bigint;
    v_burst   bigint;
    v_tat     bigint;
    v_req_tx  bigint;
    v_req_cu  bigint;
    v_used    record;
    v_bill    jsonb;
    v_lim_tx  bigint;
    v_lim_cu  bigint;
    v_refusal jsonb;
    v_state_code text;
    v_msg     text;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'enforce_tenant_limits');
    v_cost := monay_private.billing_operation_cost(p_tenant_id, p_operation_type, p_quantity, 'enforce_tenant_limits');
    SELECT s.status, s.billing_tier INTO v_state
    FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, v_state.status IS NOT NULL);
    v_req_tx := CASE WHEN v_cost.counts_as_transaction THEN p_quantity ELSE 0 END;
    v_req_cu := v_cost.computation_units * p_quantity;
    v_cfg := monay_private.billing_tier_version(v_state.billing_tier, v_month);

    IF v_cfg.overage_policy = 'refuse' THEN
        -- Exactly what recording checks: this tier's counters of the month.
        SELECT coalesce(sum(c.transactions), 0)::bigint AS tx, coalesce(sum(c.computation_units), 0)::bigint AS cu
        INTO v_used FROM monay_private.billing_usage_counters c
        WHERE c.tenant_id = p_tenant_id AND c.period = v_month AND c.tier = v_state.billing_tier;
        v_lim_tx := v_cfg.included_transactions;
        v_lim_cu := v_cfg.included_computation_units;
    ELSE
        v_bill := monay_private.billing_compute(p_tenant_id, v_month);
        SELECT (v_bill #>> '{usage,transactions,used}')::bigint AS tx,
               (v_bill #>> '{usage,computation_units,used}')::bigint AS cu INTO v_used;
        v_lim_tx := (v_bill #>> '{usage,transactions,limit}')::bigint;
        v_lim_cu := (v_bill #>> '{usage,computation_units,limit}')::bigint;
    END IF;
    -- The refusals recording would raise, answered instead (allowed = false).
    BEGIN
    IF v_state.status <> 'active' THEN
        PERFORM monay_private.require_tenant_status(p_tenant_id, v_state.status, 'MT404', 'usage is refused',
                                                    ARRAY['suspended', 'closed']);
    END IF;
    -- Rate limit: the state of this connection's slot, not consumed.
    v_slot := pg_backend_pid() % v_cfg.counter_slots;
    v_step := (1000000::bigint * v_cfg.counter_slots + v_cfg.rate_limit_per_second - 1) / v_cfg.rate_limit_per_second;
    v_burst := greatest(1, v_cfg.rate_limit_burst / v_cfg.counter_slots);
    SELECT c.rl_tat_us INTO v_tat FROM monay_private.billing_usage_counters c
    WHERE c.tenant_id = p_tenant_id AND c.period = v_month AND c.tier = v_state.billing_tier AND c.slot = v_slot;
    v_tat := greatest(coalesce(v_tat, v_now_us), v_now_us) + v_step;
    IF v_tat - v_now_us > v_burst * v_step THEN
        PERFORM monay_private.billing_refuse_rate(p_tenant_id, v_state.billing_tier, v_cfg.rate_limit_per_second,
            v_cfg.rate_limit_burst, v_cfg.counter_slots, v_tat - v_now_us - v_burst * v_step);
    END IF;

    IF v_cfg.overage_policy = 'refuse' THEN
        IF v_used.tx + v_req_tx > v_lim_tx THEN
            PERFORM monay_private.billing_refuse_over_allowance(p_tenant_id, v_state.billing_tier, v_month,
                'transactions', v_lim_tx, v_used.tx, v_req_tx);
        END IF;
        IF v_used.cu + v_req_cu > v_lim_cu THEN
            PERFORM monay_private.billing_refuse_over_allowance(p_tenant_id, v_state.billing_tier, v_month,
                'computation units', v_lim_cu, v_used.cu, v_req_cu);
        END IF;
    END IF;
    EXCEPTION WHEN SQLSTATE 'MT402' OR SQLSTATE 'MT403' OR SQLSTATE 'MT404' THEN
        GET STACKED DIAGNOSTICS v_state_code = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT;
        v_refusal := jsonb_build_object('sqlstate', v_state_code, 'message', v_msg);
    END;
    RETURN jsonb_build_object(
        'allowed', v_refusal IS NULL, 'refusal', v_refusal, 'tenant_id', p_tenant_id, 'tier', v_state.billing_tier,
        'overage_policy', v_cfg.overage_policy, 'operation_type', p_operation_type, 'quantity', p_quantity,
        'transactions', jsonb_build_object('limit', v_lim_tx, 'used', v_used.tx, 'requested', v_req_tx),
        'computation_units', jsonb_build_object('limit', v_lim_cu, 'used', v_used.cu, 'requested', v_req_cu),
        'overage', coalesce(v_used.tx + v_req_tx > v_lim_tx OR v_used.cu + v_req_cu > v_lim_cu, false));
END;
$$;

COMMENT ON FUNCTION monay.enforce_tenant_limits(uuid, text, integer) IS
    'Dry run of the limits track_operation enforces; answers allowed=false with the refusal (MT402/MT403/MT404).';
REVOKE ALL ON FUNCTION monay.enforce_tenant_limits(uuid, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.enforce_tenant_limits(uuid, text, integer) TO monay_app, monay_platform;
