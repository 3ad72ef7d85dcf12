-- sql/functions/billing/billing_account.sql
CREATE OR REPLACE FUNCTION monay_private.billing_account(
    p_tenant_id      uuid
    , p_period       date
    , p_transactions bigint
    , p_units        bigint
    , p_operations   bigint
    , p_cost         bigint
    , p_late         boolean
    , p_take_token   boolean
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE
AS $$
/* The one place where usage is counted and limits are enforced, for
   track_operation, track_operations (once per billing period of the batch)
   and raw inserts into billing_operations (trigger, once per row). Adds the
   usage with one upsert to the counter row (tenant, period, tier, slot),
   slot = pg_backend_pid() % counter_slots of the tenant's tier, so that
   concurrent writers of one tenant spread over several rows. Then:
     MT301 / MT404  unknown, suspended or closed tenant (checked first);
     MT403  rate limit, when p_take_token (one call takes one token, whatever
            its number of operations): GCRA per slot, emission interval
            ceil(1e6 * slots / rate_limit_per_second) microseconds, burst
            max(1, rate_limit_burst / slots) calls, state rl_tat_us in the
            slot's row of the current month;
     MT402  a tier whose overage_policy is 'refuse' (free) past its allowance
            for p_period (one slot: exact under concurrency);
     MT416  a counter row past 10^15 transactions, units, operations or
            millicents of cost: beyond what the bill's sums can hold
            (docs/billing.md "Safety limits"); checked before any
            addition can overflow bigint (one call adds at most 10^4
            operations x 10^6 quantity x units per operation).
   A raise undoes the caller's statement: nothing is recorded.
   SECURITY INVOKER, executable by monay_owner only: called from the SECURITY
   DEFINER usage functions with their pinned search_path. */
DECLARE
    -- The rate limit's clock is the transaction's start (one request, one transaction):
    -- calls made inside one transaction count as made at once, whatever the machine's load.
    v_now_us  bigint := (extract(epoch FROM now()) * 1000000)::bigint;
    v_month   date := date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date;
    v_status  text;
    v_tier    text;
    v_slots   bigint;
    v_rate    bigint;
    v_burst_cfg bigint;
    v_policy  text;
    v_incl_tx bigint;
    v_incl_cu bigint;
    v_slot    bigint;
    v_step    bigint;
    v_burst   bigint;
    v_token   boolean;
    v_tx      bigint;
    v_units   bigint;
    v_tat     bigint;
    v_ops     bigint;
    v_cost    bigint;
    c_max     constant bigint := 1000000000000000;  -- 10^15 per counter row
BEGIN
    -- The tenant's status and tier (mirror, no RLS) and the tier's prices, in one query.
    SELECT s.status, s.billing_tier, c.counter_slots, c.rate_limit_per_second, c.rate_limit_burst,
           c.overage_policy, c.included_transactions, c.included_computation_units
    INTO v_status, v_tier, v_slots, v_rate, v_burst_cfg, v_policy, v_incl_tx, v_incl_cu
    FROM monay_private.billing_tenant_state s
    LEFT JOIN LATERAL (SELECT c.* FROM monay.billing_tier_config c
                       WHERE c.tier = s.billing_tier AND c.effective_from <= v_month
                       ORDER BY c.effective_from DESC LIMIT 1) c ON true
    WHERE s.tenant_id = p_tenant_id;
    IF v_status IS DISTINCT FROM 'active' THEN
        PERFORM monay_private.require_tenant_status(p_tenant_id, v_status, 'MT404', 'usage is refused',
                                                    ARRAY['suspended', 'closed']);
    END IF;
    v_slot := pg_backend_pid() % v_slots;
    v_step := (1000000::bigint * v_slots + v_rate - 1) / v_rate;
    v_burst := greatest(1, v_burst_cfg / v_slots);
    v_token := p_take_token AND p_period = v_month;

    INSERT INTO monay_private.billing_usage_counters AS c
        (tenant_id, period, tier, slot, transactions, computation_units, operations, cost_millicents,
         late_transactions, late_computation_units, rl_tat_us)
    VALUES (p_tenant_id, p_period, v_tier, v_slot, p_transactions, p_units, p_operations, p_cost,
            CASE WHEN p_late THEN p_transactions ELSE 0 END, CASE WHEN p_late THEN p_units ELSE 0 END,
            CASE WHEN v_token THEN v_now_us + v_step END)
    ON CONFLICT (tenant_id, period, tier, slot) DO UPDATE
        SET transactions = c.transactions + excluded.transactions,
            computation_units = c.computation_units + excluded.computation_units,
            operations = c.operations + excluded.operations,
            cost_millicents = c.cost_millicents + excluded.cost_millicents,
            late_transactions = c.late_transactions + excluded.late_transactions,
            late_computation_units = c.late_computation_units + excluded.late_computation_units,
            rl_tat_us = CASE WHEN v_token THEN greatest(coalesce(c.rl_tat_us, v_now_us), v_now_us) + v_step
                             ELSE c.rl_tat_us END
    RETURNING c.transactions, c.computation_units, c.rl_tat_us, c.operations, c.cost_millicents
    INTO v_tx, v_units, v_tat, v_ops, v_cost;
    IF greatest(v_tx, v_units, v_ops, v_cost) > c_max THEN
        RAISE EXCEPTION 'usage of tenant % in % would exceed what billing can hold: % transactions, % units, '
            '% operations, % millicents of cost in one counter (at most % each)',
            p_tenant_id, to_char(p_period, 'YYYY-MM'), v_tx, v_units, v_ops, v_cost, c_max
            USING ERRCODE = 'MT416';
    END IF;

    IF p_take_token AND NOT v_token THEN
        -- Usage for a past month: the call's token comes from this month's row.
        INSERT INTO monay_private.billing_usage_counters AS c (tenant_id, period, tier, slot, rl_tat_us)
        VALUES (p_tenant_id, v_month, v_tier, v_slot, v_now_us + v_step)
        ON CONFLICT (tenant_id, period, tier, slot) DO UPDATE
            SET rl_tat_us = greatest(coalesce(c.rl_tat_us, v_now_us), v_now_us) + v_step
        RETURNING c.rl_tat_us INTO v_tat;
    END IF;
    IF p_take_token AND v_tat - v_now_us > v_burst * v_step THEN
        PERFORM monay_private.billing_refuse_rate(p_tenant_id, v_tier, v_rate, v_burst_cfg, v_slots,
            v_tat - v_now_us - v_burst * v_step);
    END IF;

    IF p_period <> v_month THEN
        SELECT c.overage_policy, c.included_transactions, c.included_computation_units
        INTO v_policy, v_incl_tx, v_incl_cu
        FROM monay.billing_tier_config c
        WHERE c.tier = v_tier AND c.effective_from <= p_period
        ORDER BY c.effective_from DESC LIMIT 1;
    END IF;
    IF v_policy = 'refuse' THEN
        IF v_tx > v_incl_tx THEN
            PERFORM monay_private.billing_refuse_over_allowance(p_tenant_id, v_tier, p_period,
                'transactions', v_incl_tx, v_tx - p_transactions, p_transactions);
        END IF;
        IF v_units > v_incl_cu THEN
            PERFORM monay_private.billing_refuse_over_allowance(p_tenant_id, v_tier, p_period,
                'computation units', v_incl_cu, v_units - p_units, p_units);
        END IF;
    END IF;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_account(uuid, date, bigint, bigint, bigint, bigint, boolean, boolean) IS
    'Adds usage to the sharded counters; enforces tenant status, rate limit and the free allowance.';
REVOKE ALL ON FUNCTION monay_private.billing_account(uuid, date, bigint, bigint, bigint, bigint, boolean, boolean) FROM PUBLIC;
