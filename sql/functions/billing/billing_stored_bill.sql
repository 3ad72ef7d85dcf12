-- sql/functions/billing/billing_stored_bill.sql
CREATE OR REPLACE FUNCTION monay_private.billing_stored_bill(
    p_tenant_id uuid
    , p_period  date
)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The stored bill of a tenant and month (NULL when the month is not billed):
   the bill as finalized, with its current status, payment method and dates,
   and what adjustments, payments and the balance say about it now:
   adjustments_cents, paid_cents, balance_due_cents (= total_before_discount
   + adjustments - paid, in USD cents; paying it with USDXM costs 10% less).
   Bills stored since migration 022 are figures only: their document is
   built here by monay_private.billing_bill_json (the draft's builder); a
   bill stored before keeps its JSON. Without "margin" when the
   MARGIN_CALCULATION_ENABLED setting is false. */
DECLARE
    v_bill jsonb;
BEGIN
    -- A month that has not ended cannot have a bill (the run refuses it):
    -- skip the look-up (three tables under RLS) on the hot read path.
    IF p_period >= date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date THEN
        RETURN NULL;
    END IF;
    SELECT coalesce(
               m.bill || jsonb_build_object('costs', (m.bill -> 'costs')
                                                      || jsonb_build_object('payment_method', m.payment_method)),
               monay_private.billing_bill_json(m.tenant_id, m.period, m.tier, m.status, m.payment_method,
                   m.days_in_period, m.transactions_included, m.transactions_used, m.computation_units_included,
                   m.computation_units_used, m.late_transactions, m.late_computation_units, m.base_fee_cents,
                   m.overage_transactions_cents, m.overage_computation_units_cents, m.total_before_discount_cents,
                   m.usdxm_discount_cents, m.cost_cents, m.gross_margin_percent, m.target_gross_margin_percent,
                   m.lines, true))
           || jsonb_build_object(
               'status', m.status, 'finalized_at', m.finalized_at, 'paid_at', m.paid_at, 'run_id', m.run_id,
               'adjustments_cents', a.adj, 'paid_cents', p.paid,
               'balance_due_cents', m.total_before_discount_cents + a.adj - p.paid)
    INTO v_bill
    FROM monay.billing_metrics m
    CROSS JOIN LATERAL (SELECT coalesce(sum(x.amount_cents), 0)::bigint AS adj FROM monay.billing_adjustments x
                        WHERE x.tenant_id = m.tenant_id AND x.period = m.period) a
    CROSS JOIN LATERAL (SELECT coalesce(sum(y.amount_cents), 0)::bigint AS paid FROM monay.payment_allocations y
                        WHERE y.tenant_id = m.tenant_id AND y.period = m.period) p
    WHERE m.tenant_id = p_tenant_id AND m.period = p_period;
    IF v_bill IS NOT NULL AND NOT monay_private.billing_margin_enabled() THEN
        v_bill := v_bill - 'margin';
    END IF;
    RETURN v_bill;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_stored_bill(uuid, date) IS
    'A finalized bill with its status, adjustments, payments and balance due (NULL when not billed).';
REVOKE ALL ON FUNCTION monay_private.billing_stored_bill(uuid, date) FROM PUBLIC;
