-- sql/demo/track_demo_month.sql
CREATE OR REPLACE FUNCTION monay_demo.track_demo_month(
    p_tenant_id uuid
    , p_period  date
    , p_seed    integer DEFAULT 1
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Platform only, for demos: tracks a plausible month of operations for one
   tenant through monay.track_operations (one call per day, occurred_at
   spread over the day, deterministic for a p_seed), shaped by the tenant's
   tier: free stays inside its allowance; small_business and enterprise go
   over their included transactions (overage), with KYC checks and smart
   contract deployments. Days after now() are skipped. Under the late-usage
   rule only last month (until billed) and the running month keep their own
   usage; an older p_period counts in the running month, marked late. Returns
   {tenant_id, period, tier, calls, operations, transactions,
   computation_units}. Raises what track_operations raises, 42501 (not
   platform), 22023. */
DECLARE
    v_period date;
    v_days   integer;
    v_tier   text;
    v_ops    jsonb;
    v_res    jsonb;
    v_calls  integer := 0;
    v_n      bigint := 0;
    v_tx     bigint := 0;
    v_cu     bigint := 0;
    v_day    timestamptz;
    v_scale  integer;
BEGIN
    PERFORM monay_private.require_platform(format('track_demo_month(%s, %s)', p_tenant_id, p_period));
    v_period := monay_private.billing_period_start(p_period, 'track_demo_month');
    SELECT s.billing_tier INTO v_tier FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tenant % does not exist', p_tenant_id USING ERRCODE = 'MT301';
    END IF;
    v_days := (v_period + interval '1 month')::date - v_period;
    -- Transactions per day: free ~30 (of 1,000 a month), small_business ~450
    -- (of 10,000), enterprise ~4,500 (of 100,000), as a few events with a
    -- quantity: the paid tiers end the month some 25-40% over their included
    -- transactions, inside their computation units.
    v_scale := CASE v_tier WHEN 'free' THEN 1 WHEN 'small_business' THEN 16 ELSE 160 END;
    FOR d IN 0 .. v_days - 1 LOOP
        v_day := (v_period + d)::timestamp AT TIME ZONE 'UTC';
        EXIT WHEN v_day > now();
        SELECT jsonb_agg(jsonb_build_object(
                   'operation_type', o.op,
                   'quantity', o.q,
                   'occurred_at', least(v_day + ((abs(hashtext(p_seed || ':' || d || ':' || o.k)) % 86400)::text || ' seconds')::interval,
                                        now())))
        INTO v_ops
        FROM (VALUES
            (1, 'transfer', 20 * v_scale + abs(hashtext(p_seed || 't' || d)) % (5 * v_scale + 1)),
            (2, 'payment', 3 * v_scale + abs(hashtext(p_seed || 'p' || d)) % (2 * v_scale + 1)),
            (3, 'card_authorization', v_scale + abs(hashtext(p_seed || 'c' || d)) % (v_scale + 1)),
            (4, 'wallet_create', 1 + abs(hashtext(p_seed || 'w' || d)) % (CASE WHEN v_tier = 'free' THEN 1 ELSE v_scale END)),
            (5, 'invoice_create', 1 + abs(hashtext(p_seed || 'i' || d)) % (v_scale + 1)),
            (6, 'kyc_check', CASE WHEN v_tier = 'free' THEN (d % 10 = 0)::integer
                                  ELSE 1 + abs(hashtext(p_seed || 'k' || d)) % GREATEST(1, v_scale / 10) END),
            (7, 'smart_contract_deploy', CASE WHEN v_tier = 'free' THEN 0
                                              WHEN v_tier = 'small_business' THEN (d % 10 = 3)::integer
                                              ELSE 1 + (d % 2) END)
        ) AS o(k, op, q)
        WHERE o.q > 0;
        v_res := monay.track_operations(p_tenant_id, v_ops);
        v_calls := v_calls + 1;
        v_n := v_n + (v_res ->> 'recorded')::bigint;
        v_tx := v_tx + (v_res ->> 'transactions')::bigint;
        v_cu := v_cu + (v_res ->> 'computation_units')::bigint;
    END LOOP;
    RETURN jsonb_build_object('tenant_id', p_tenant_id, 'period', v_period, 'tier', v_tier, 'calls', v_calls,
                              'operations', v_n, 'transactions', v_tx, 'computation_units', v_cu);
END;
$$;

COMMENT ON FUNCTION monay_demo.track_demo_month(uuid, date, integer) IS
    'Platform only, demos: tracks a tier-shaped month of operations for one tenant (deterministic per seed).';
REVOKE ALL ON FUNCTION monay_demo.track_demo_month(uuid, date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay_demo.track_demo_month(uuid, date, integer) TO monay_platform;
