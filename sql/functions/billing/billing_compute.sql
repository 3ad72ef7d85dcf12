-- sql/functions/billing/billing_compute.sql
CREATE OR REPLACE FUNCTION monay_private.billing_compute(
    p_tenant_id            uuid
    , p_period             date
    , p_extra_tier         text DEFAULT NULL
    , p_extra_transactions bigint DEFAULT 0
    , p_extra_units        bigint DEFAULT 0
    , p_extra_cost         bigint DEFAULT 0
)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The hybrid bill of one tenant for the month starting p_period (the first
   day of a month; callers normalise), computed from the usage counters (never
   the month's events), the tier history and the price versions. The p_extra_*
   arguments add hypothetical usage under a tier (for
   monay.calculate_transaction_cost). Every rule is in docs/billing.md:

   Days. The month has D days [p_period, p_period + 1 month) in UTC. Day d
   belongs to the tier in force at its end, i.e. the last row of
   monay.tenant_tier_history with effective_at < start of day d+1 (a change
   during a day bills that whole day at the new tier); days before the
   tenant's first row belong to nobody. days_t = days of tier t.
   Per tier t held (days_t > 0) or used (usage counted under t), with the
   price version of t in force for the month (effective_from <= p_period):
     base_fee_t   = floor(base_fee_cents * days_t / D)
     included_t   = floor(included * days_t / D) for a tier that bills
                    overage; the full allowance for a tier that refuses it
                    (free: refusal is checked against the full allowance)
     overage_tx_t = max(0, transactions_t - included_transactions_t)
                    * overage_transaction_cents
     overage_cu_t = floor(max(0, units_t - included_units_t)
                    * overage_per_1000_units_cents / 1000)
                    (a partial thousand is charged pro rata, rounded down to
                    the cent, once per tier line)
   total_before_discount = sum of the lines
   usdxm_discount = floor(total_before_discount * discount_percent / 100)
                    (USDXM: 10), integer arithmetic
   total_cents    = total_before_discount - usdxm_discount (USDXM, the
                    preferred coin; other coins pay total_before_discount)
   cost_cents     = ceil(sum of cost_millicents / 1000)
   gross_margin_percent = round((total_cents - cost_cents) * 100 / total_cents, 2),
                    NULL when total_cents = 0: the realized margin on
                    what the tenant pays in USDXM. The configuration guard
                    (billing_config_guard.sql, rules 1 and 2) keeps it at or
                    above the floor of each paid tier line, up to cent
                    rounding; a month with a free line or with two tiers is
                    covered only as docs/billing.md "Margin floor" says.
   Overflow: products are computed in numeric; a bill above 10^15 cents
   raises MT416 (the monthly run records it and goes on).
   Raises MT301 when the tenant does not exist, MT416 as above. */
DECLARE
    v_end       date := (p_period + interval '1 month')::date;
    v_days      integer := (p_period + interval '1 month')::date - p_period;
    v_start_ts  timestamptz := p_period::timestamp AT TIME ZONE 'UTC';
    v_end_ts    timestamptz := (p_period + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    v_h_at      timestamptz[];
    v_h_tier    text[];
    v_h_margin  numeric[];
    v_discount  integer;
    v_lines     jsonb;
    v_sum       record;
    v_tier      text;
    v_margin    numeric;
    v_disc      bigint;
    v_cost      bigint;
    v_total     bigint;
BEGIN
    -- The tier history, read once (one query under RLS); a tenant without
    -- any history row has had its current tier since it was created.
    SELECT array_agg(h.effective_at ORDER BY h.effective_at), array_agg(h.billing_tier ORDER BY h.effective_at),
           array_agg(h.gross_margin_percent ORDER BY h.effective_at)
    INTO v_h_at, v_h_tier, v_h_margin
    FROM monay.tenant_tier_history h WHERE h.tenant_id = p_tenant_id;
    IF v_h_at IS NULL THEN
        SELECT ARRAY[t.created_at], ARRAY[t.billing_tier], ARRAY[t.gross_margin_percent]
        INTO v_h_at, v_h_tier, v_h_margin
        FROM monay.tenants t WHERE t.id = p_tenant_id;
        IF v_h_at IS NULL THEN
            RAISE EXCEPTION 'tenant % does not exist', p_tenant_id USING ERRCODE = 'MT301';
        END IF;
    END IF;
    -- The tier (and margin) in force at the end of the month, else the first.
    v_tier := v_h_tier[1];
    v_margin := v_h_margin[1];
    FOR i IN 1 .. cardinality(v_h_at) LOOP
        EXIT WHEN v_h_at[i] >= v_end_ts;
        v_tier := v_h_tier[i];
        v_margin := v_h_margin[i];
    END LOOP;
    SELECT coalesce(s.discount_percent, 0) INTO v_discount
    FROM monay.stablecoin_payment_config s WHERE s.symbol = 'USDXM';
    v_discount := coalesce(v_discount, 0);

    WITH seg AS (
        -- Each history row is in force from its effective_at to the next one's.
        SELECT h.tier, h.e_from, lead(h.e_from) OVER (ORDER BY h.e_from) AS e_to
        FROM unnest(v_h_at, v_h_tier) AS h(e_from, tier)
    ), seg_days AS (
        -- Day d (1..D) ends at P + d days and belongs to the row in force then:
        -- the row owns the days with e_from < P + d days <= e_to, i.e.
        -- d from floor((e_from - P) / 1 day) + 1 to floor((e_to - P) / 1 day).
        SELECT sg.tier,
               greatest(0,
                   least(v_days, coalesce(floor(extract(epoch FROM sg.e_to - v_start_ts) / 86400)::integer, v_days))
                   - greatest(1, floor(extract(epoch FROM sg.e_from - v_start_ts) / 86400)::integer + 1)
                   + 1) AS days
        FROM seg sg
    ), tier_days AS (
        SELECT sd.tier, sum(sd.days)::integer AS days FROM seg_days sd GROUP BY sd.tier HAVING sum(sd.days) > 0
    ), usage AS (
        SELECT u.tier, sum(u.tx)::bigint AS tx, sum(u.units)::bigint AS units, sum(u.cost)::bigint AS cost,
               sum(u.late_tx)::bigint AS late_tx, sum(u.late_units)::bigint AS late_units
        FROM (SELECT c.tier, c.transactions AS tx, c.computation_units AS units, c.cost_millicents AS cost,
                     c.late_transactions AS late_tx, c.late_computation_units AS late_units
              FROM monay_private.billing_usage_counters c
              WHERE c.tenant_id = p_tenant_id AND c.period = p_period
              UNION ALL
              SELECT p_extra_tier, p_extra_transactions, p_extra_units, p_extra_cost, 0, 0
              WHERE p_extra_tier IS NOT NULL) u
        GROUP BY u.tier
    ), tiers AS (
        SELECT td.tier FROM tier_days td UNION SELECT us.tier FROM usage us
    ), lines AS (
        SELECT t.tier, coalesce(td.days, 0) AS days, cfg.effective_from, cfg.base_fee_cents,
               cfg.overage_policy, cfg.overage_transaction_cents, cfg.overage_per_1000_units_cents,
               CASE WHEN cfg.overage_policy = 'refuse' THEN cfg.included_transactions
                    ELSE cfg.included_transactions * coalesce(td.days, 0) / v_days END AS incl_tx,
               CASE WHEN cfg.overage_policy = 'refuse' THEN cfg.included_computation_units
                    ELSE cfg.included_computation_units * coalesce(td.days, 0) / v_days END AS incl_units,
               coalesce(us.tx, 0) AS used_tx, coalesce(us.units, 0) AS used_units,
               coalesce(us.cost, 0) AS cost, coalesce(us.late_tx, 0) AS late_tx,
               coalesce(us.late_units, 0) AS late_units
        FROM tiers t
        LEFT JOIN tier_days td ON td.tier = t.tier
        LEFT JOIN usage us ON us.tier = t.tier
        CROSS JOIN LATERAL (
            SELECT c.* FROM monay.billing_tier_config c
            WHERE c.tier = t.tier AND c.effective_from <= p_period
            ORDER BY c.effective_from DESC LIMIT 1) cfg
    ), priced AS (
        SELECT l.*, l.base_fee_cents * l.days / v_days AS base_cents,
               greatest(l.used_tx - l.incl_tx, 0) AS over_tx,
               greatest(l.used_units - l.incl_units, 0) AS over_units,
               -- numeric: a product of usage and price may exceed bigint; the
               -- total is checked below (MT416) before anything is stored.
               greatest(l.used_tx - l.incl_tx, 0)::numeric * l.overage_transaction_cents AS over_tx_cents,
               div(greatest(l.used_units - l.incl_units, 0)::numeric * l.overage_per_1000_units_cents, 1000)
                   AS over_units_cents
        FROM lines l
    )
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'tier', p.tier, 'days', p.days, 'price_version', p.effective_from,
               'overage_policy', p.overage_policy,
               'base_fee_cents', p.base_cents,
               'included_transactions', p.incl_tx, 'transactions_used', p.used_tx,
               'overage_transactions', p.over_tx, 'overage_transaction_price_cents', p.overage_transaction_cents,
               'overage_transactions_cents', p.over_tx_cents,
               'included_computation_units', p.incl_units, 'computation_units_used', p.used_units,
               'overage_computation_units', p.over_units,
               'overage_per_1000_units_cents', p.overage_per_1000_units_cents,
               'overage_computation_units_cents', p.over_units_cents,
               'cost_millicents', p.cost)
               ORDER BY array_position(ARRAY['free', 'small_business', 'enterprise'], p.tier)), '[]'::jsonb) AS lines,
           coalesce(sum(p.base_cents), 0)::bigint AS base, coalesce(sum(p.over_tx_cents), 0) AS over_tx,
           coalesce(sum(p.over_units_cents), 0) AS over_units,
           coalesce(sum(p.incl_tx), 0)::bigint AS incl_tx, coalesce(sum(p.used_tx), 0)::bigint AS used_tx,
           coalesce(sum(p.incl_units), 0)::bigint AS incl_units, coalesce(sum(p.used_units), 0)::bigint AS used_units,
           coalesce(sum(p.cost), 0)::bigint AS cost_mc, coalesce(sum(p.late_tx), 0)::bigint AS late_tx,
           coalesce(sum(p.late_units), 0)::bigint AS late_units
    INTO v_sum
    FROM priced p;
    v_lines := v_sum.lines;

    IF v_sum.base + v_sum.over_tx + v_sum.over_units > 1000000000000000 THEN
        RAISE EXCEPTION 'the bill of tenant % for % would be % cents, above the 10^15 cents billing can hold',
            p_tenant_id, to_char(p_period, 'YYYY-MM'), v_sum.base + v_sum.over_tx + v_sum.over_units
            USING ERRCODE = 'MT416';
    END IF;
    v_total := v_sum.base + v_sum.over_tx + v_sum.over_units;
    v_disc := v_total * v_discount / 100;
    v_cost := (v_sum.cost_mc + 999) / 1000;
    RETURN jsonb_build_object(
        'tenant_id', p_tenant_id,
        'period', p_period,
        'period_end', v_end,
        'days_in_period', v_days,
        'tier', v_tier,
        'status', 'draft',
        'usage', jsonb_build_object(
            'transactions', jsonb_build_object('limit', v_sum.incl_tx, 'used', v_sum.used_tx,
                                               'remaining', greatest(v_sum.incl_tx - v_sum.used_tx, 0)),
            'computation_units', jsonb_build_object('limit', v_sum.incl_units, 'used', v_sum.used_units,
                                                    'remaining', greatest(v_sum.incl_units - v_sum.used_units, 0)),
            'late_transactions', v_sum.late_tx,
            'late_computation_units', v_sum.late_units),
        'costs', jsonb_build_object(
            'base_fee_cents', v_sum.base,
            'overage_transactions_cents', v_sum.over_tx,
            'overage_computation_units_cents', v_sum.over_units,
            'total_before_discount_cents', v_total,
            'usdxm_discount_cents', v_disc,
            'total_cents', v_total - v_disc,
            'payment_method', 'USDXM'),
        'margin', jsonb_build_object(
            'cost_cents', v_cost,
            'gross_margin_percent', CASE WHEN v_total - v_disc > 0
                THEN round((v_total - v_disc - v_cost)::numeric * 100 / (v_total - v_disc), 2) END,
            'target_gross_margin_percent', v_margin),
        'lines', v_lines);
END;
$$;

COMMENT ON FUNCTION monay_private.billing_compute(uuid, date, text, bigint, bigint, bigint) IS
    'The hybrid bill of a tenant and month from counters, tier history and price versions (rules in the body).';
REVOKE ALL ON FUNCTION monay_private.billing_compute(uuid, date, text, bigint, bigint, bigint) FROM PUBLIC;
