-- sql/functions/billing/billing_bill_json.sql
CREATE OR REPLACE FUNCTION monay_private.billing_bill_json(
    p_tenant_id                     uuid
    , p_period                      date
    , p_tier                        text
    , p_status                      text
    , p_payment_method              text
    , p_days_in_period              bigint
    , p_transactions_included       bigint
    , p_transactions_used           bigint
    , p_units_included              bigint
    , p_units_used                  bigint
    , p_late_transactions           bigint
    , p_late_units                  bigint
    , p_base_fee_cents              bigint
    , p_overage_transactions_cents  bigint
    , p_overage_units_cents         bigint
    , p_total_before_discount_cents bigint
    , p_usdxm_discount_cents        bigint
    , p_cost_cents                  bigint
    , p_gross_margin_percent        numeric
    , p_target_margin_percent       numeric
    , p_lines                       monay.billing_bill_line[]
    , p_with_margin                 boolean
)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE
AS $$
/* The bill document of one tenant and month, built from its figures (the
   columns of monay.billing_metrics, or a row of monay_private.billing_price
   for a draft): the one place that writes its shape (docs/billing.md):
     {tenant_id, period, period_end, days_in_period, tier, status,
      usage: {transactions: {limit, used, remaining},
              computation_units: {limit, used, remaining},
              late_transactions, late_computation_units},
      costs: {base_fee_cents, overage_transactions_cents,
              overage_computation_units_cents, total_before_discount_cents,
              usdxm_discount_cents, total_cents, payment_method},
      margin: {cost_cents, gross_margin_percent, target_gross_margin_percent},
      lines: [{tier, days, price_version, overage_policy, base_fee_cents,
               included_transactions, transactions_used, overage_transactions,
               overage_transaction_price_cents, overage_transactions_cents,
               included_computation_units, computation_units_used,
               overage_computation_units, overage_per_1000_units_cents,
               overage_computation_units_cents, cost_millicents}]}
   "margin" only when p_with_margin (the MARGIN_CALCULATION_ENABLED setting,
   read by the callers).
   Built as json text and converted to jsonb once.
   A function of its arguments; raises nothing. PL/pgSQL: its statement's
   plan is kept for the session (a LANGUAGE sql function with a sub-select
   is never inlined, and is planned again at every call). Not SECURITY
   DEFINER, no SET (it reads no table); every name is schema-qualified or
   pg_catalog's; EXECUTE is the owner's only. */
BEGIN
    RETURN (json_build_object(
        'tenant_id', p_tenant_id,
        'period', p_period,
        'period_end', (p_period + interval '1 month')::date,
        'days_in_period', p_days_in_period,
        'tier', p_tier,
        'status', p_status,
        'usage', json_build_object(
            'transactions', json_build_object('limit', p_transactions_included, 'used', p_transactions_used,
                                               'remaining', greatest(p_transactions_included - p_transactions_used, 0)),
            'computation_units', json_build_object('limit', p_units_included, 'used', p_units_used,
                                                    'remaining', greatest(p_units_included - p_units_used, 0)),
            'late_transactions', p_late_transactions,
            'late_computation_units', p_late_units),
        'costs', json_build_object(
            'base_fee_cents', p_base_fee_cents,
            'overage_transactions_cents', p_overage_transactions_cents,
            'overage_computation_units_cents', p_overage_units_cents,
            'total_before_discount_cents', p_total_before_discount_cents,
            'usdxm_discount_cents', p_usdxm_discount_cents,
            'total_cents', p_total_before_discount_cents - p_usdxm_discount_cents,
            'payment_method', p_payment_method),
        'margin', json_build_object(
            'cost_cents', p_cost_cents,
            'gross_margin_percent', p_gross_margin_percent,
            'target_gross_margin_percent', p_target_margin_percent),
        'lines', coalesce((
            SELECT json_agg(json_build_object(
                'tier', l.tier, 'days', l.days, 'price_version', l.price_version,
                'overage_policy', l.overage_policy,
                'base_fee_cents', l.base_fee_cents,
                'included_transactions', l.included_transactions, 'transactions_used', l.transactions_used,
                'overage_transactions', greatest(l.transactions_used - l.included_transactions, 0),
                'overage_transaction_price_cents', l.overage_transaction_price_cents,
                'overage_transactions_cents', l.overage_transactions_cents,
                'included_computation_units', l.included_computation_units,
                'computation_units_used', l.computation_units_used,
                'overage_computation_units', greatest(l.computation_units_used - l.included_computation_units, 0),
                'overage_per_1000_units_cents', l.overage_per_1000_units_cents,
                'overage_computation_units_cents', l.overage_computation_units_cents,
                'cost_millicents', l.cost_millicents) ORDER BY l.n)
            FROM unnest(p_lines) WITH ORDINALITY AS l(tier, days, price_version, overage_policy, base_fee_cents,
                included_transactions, transactions_used, overage_transaction_price_cents,
                overage_transactions_cents, included_computation_units, computation_units_used,
                overage_per_1000_units_cents, overage_computation_units_cents, cost_millicents, n)),
            '[]'::json)))::jsonb
        - CASE WHEN p_with_margin THEN '' ELSE 'margin' END;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_bill_json(uuid, date, text, text, text, bigint, bigint, bigint, bigint,
    bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, numeric,
    monay.billing_bill_line[], boolean) IS
    'The bill document (JSON) of one tenant and month, built from its figures (stored columns or a draft).';
REVOKE ALL ON FUNCTION monay_private.billing_bill_json(uuid, date, text, text, text, bigint, bigint, bigint, bigint,
    bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, numeric,
    monay.billing_bill_line[], boolean) FROM PUBLIC;
