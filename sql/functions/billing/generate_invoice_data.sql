-- sql/functions/billing/generate_invoice_data.sql
CREATE OR REPLACE FUNCTION monay.generate_invoice_data(
    p_tenant_id uuid
    , p_period  date
)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* What an invoice of the month holding p_period shows:
     {invoice_number (INV-<tenant code>-YYYYMM), tenant: {id, name, tenant_code},
      period: {start, end, days}, status, tier,
      lines: [{description, quantity, unit_price_cents, amount_cents}],
      totals: {total_before_discount_cents, usdxm_discount_cents, total_cents,
               adjustments_cents, paid_cents, balance_due_cents},
      pay_with: [{symbol, name, network, contract_address, decimals,
                  discount_cents, amount_cents, amount_base_units}]}
   A month not billed yet is a draft (status 'draft'). pay_with has one entry
   per enabled stablecoin: the balance due with that coin's discount
   (floor(balance * discount_percent / 100)) in cents and in the token's base
   units (cents * 10^(decimals - 2), as a string). unit_price_cents of a
   computation-unit line is the price per 1,000 units.
   Raises 42501, 22023, MT301. */
DECLARE
    v_period  date;
    v_bill    jsonb;
    v_tenant  record;
    v_lines   jsonb;
    v_due     bigint;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'generate_invoice_data');
    v_period := monay_private.billing_period_start(p_period, 'generate_invoice_data');
    SELECT t.id, t.name, t.tenant_code INTO v_tenant FROM monay.tenants t WHERE t.id = p_tenant_id;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    v_bill := coalesce(monay_private.billing_stored_bill(p_tenant_id, v_period),
                       monay_private.billing_compute(p_tenant_id, v_period));
    SELECT coalesce(jsonb_agg(x.line ORDER BY l.n, x.k), '[]'::jsonb) INTO v_lines
    FROM jsonb_array_elements(v_bill -> 'lines') WITH ORDINALITY AS l(line, n)
    CROSS JOIN LATERAL (VALUES
        (1, CASE WHEN (l.line ->> 'base_fee_cents')::bigint > 0 THEN jsonb_build_object(
            'description', format('%s base fee (%s of %s days)', l.line ->> 'tier', l.line ->> 'days',
                                  v_bill ->> 'days_in_period'),
            'quantity', (l.line ->> 'days')::integer, 'unit_price_cents', NULL,
            'amount_cents', (l.line ->> 'base_fee_cents')::bigint) END),
        (2, CASE WHEN (l.line ->> 'overage_transactions')::bigint > 0 THEN jsonb_build_object(
            'description', format('%s transactions beyond the %s included', l.line ->> 'tier',
                                  l.line ->> 'included_transactions'),
            'quantity', (l.line ->> 'overage_transactions')::bigint,
            'unit_price_cents', (l.line ->> 'overage_transaction_price_cents')::bigint,
            'amount_cents', (l.line ->> 'overage_transactions_cents')::bigint) END),
        (3, CASE WHEN (l.line ->> 'overage_computation_units')::bigint > 0 THEN jsonb_build_object(
            'description', format('%s computation units beyond the %s included (price per 1,000)',
                                  l.line ->> 'tier', l.line ->> 'included_computation_units'),
            'quantity', (l.line ->> 'overage_computation_units')::bigint,
            'unit_price_cents', (l.line ->> 'overage_per_1000_units_cents')::bigint,
            'amount_cents', (l.line ->> 'overage_computation_units_cents')::bigint) END)
    ) AS x(k, line)
    WHERE x.line IS NOT NULL;
    v_due := coalesce((v_bill ->> 'balance_due_cents')::bigint, (v_bill #>> '{costs,total_before_discount_cents}')::bigint);
    RETURN jsonb_build_object(
        'invoice_number', format('INV-%s-%s', v_tenant.tenant_code, to_char(v_period, 'YYYYMM')),
        'tenant', jsonb_build_object('id', v_tenant.id, 'name', v_tenant.name, 'tenant_code', v_tenant.tenant_code),
        'period', jsonb_build_object('start', v_period, 'end', v_bill -> 'period_end', 'days', v_bill -> 'days_in_period'),
        'status', v_bill ->> 'status',
        'tier', v_bill ->> 'tier',
        'usage', v_bill -> 'usage',
        'lines', v_lines,
        'totals', jsonb_build_object(
            'total_before_discount_cents', (v_bill #>> '{costs,total_before_discount_cents}')::bigint,
            'usdxm_discount_cents', (v_bill #>> '{costs,usdxm_discount_cents}')::bigint,
            'total_cents', (v_bill #>> '{costs,total_cents}')::bigint,
            'adjustments_cents', coalesce((v_bill ->> 'adjustments_cents')::bigint, 0),
            'paid_cents', coalesce((v_bill ->> 'paid_cents')::bigint, 0),
            'balance_due_cents', v_due),
        'pay_with', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'symbol', s.symbol, 'name', s.name, 'network', s.network, 'contract_address', s.contract_address,
                'decimals', s.decimals, 'discount_cents', v_due * s.discount_percent / 100,
                'amount_cents', v_due - v_due * s.discount_percent / 100,
                'amount_base_units', ((v_due - v_due * s.discount_percent / 100)::numeric
                                      * (10::numeric ^ (s.decimals - 2)))::numeric(78, 0)::text)
                ORDER BY s.sort_order, s.symbol), '[]'::jsonb)
            FROM monay.stablecoin_payment_config s WHERE s.enabled));
END;
$$;

COMMENT ON FUNCTION monay.generate_invoice_data(uuid, date) IS
    'Invoice of a tenant and month: lines, totals, balance due and the amount in each enabled stablecoin.';
REVOKE ALL ON FUNCTION monay.generate_invoice_data(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.generate_invoice_data(uuid, date) TO monay_app, monay_platform, monay_readonly;
