-- sql/functions/billing/get_billing_history.sql
CREATE OR REPLACE FUNCTION monay.get_billing_history(
    p_tenant_id uuid
)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The tenant's billing history, newest first:
     {tenant_id, credit_cents,
      bills: [{period, tier, status, total_before_discount_cents,
               usdxm_discount_cents, total_cents, adjustments_cents,
               paid_cents, balance_due_cents, payment_method, finalized_at,
               paid_at}],
      payments: [{payment_id, created_at, amount_cents, payment_method,
                  discount_cents, final_amount_cents, allocated_cents}]}
   credit_cents: payments not allocated to any bill yet (applied to the
   next bill). Raises 42501, 22023, MT301. */
DECLARE
    v_bills    jsonb;
    v_payments jsonb;
    v_credit   bigint;
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'get_billing_history');
    PERFORM monay_private.require_tenant_found(p_tenant_id,
        EXISTS (SELECT 1 FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id));
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'period', m.period, 'tier', m.tier, 'status', m.status,
               'total_before_discount_cents', m.total_before_discount_cents,
               'usdxm_discount_cents', m.usdxm_discount_cents, 'total_cents', m.total_cents,
               'adjustments_cents', a.adj, 'paid_cents', p.paid,
               'balance_due_cents', m.total_before_discount_cents + a.adj - p.paid,
               'payment_method', m.payment_method, 'finalized_at', m.finalized_at, 'paid_at', m.paid_at)
               ORDER BY m.period DESC), '[]'::jsonb)
    INTO v_bills
    FROM monay.billing_metrics m
    CROSS JOIN LATERAL (SELECT coalesce(sum(x.amount_cents), 0)::bigint AS adj FROM monay.billing_adjustments x
                        WHERE x.tenant_id = m.tenant_id AND x.period = m.period) a
    CROSS JOIN LATERAL (SELECT coalesce(sum(y.amount_cents), 0)::bigint AS paid FROM monay.payment_allocations y
                        WHERE y.tenant_id = m.tenant_id AND y.period = m.period) p
    WHERE m.tenant_id = p_tenant_id;
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'payment_id', py.id, 'created_at', py.created_at, 'amount_cents', py.amount_cents,
               'payment_method', py.payment_method, 'discount_cents', py.discount_cents,
               'final_amount_cents', py.final_amount_cents, 'allocated_cents', al.amt)
               ORDER BY py.id DESC), '[]'::jsonb),
           coalesce(sum(py.amount_cents - al.amt), 0)::bigint
    INTO v_payments, v_credit
    FROM monay.payments py
    CROSS JOIN LATERAL (SELECT coalesce(sum(y.amount_cents), 0)::bigint AS amt FROM monay.payment_allocations y
                        WHERE y.tenant_id = py.tenant_id AND y.payment_id = py.id) al
    WHERE py.tenant_id = p_tenant_id;
    RETURN jsonb_build_object('tenant_id', p_tenant_id, 'credit_cents', v_credit, 'bills', v_bills,
                              'payments', v_payments);
END;
$$;

COMMENT ON FUNCTION monay.get_billing_history(uuid) IS
    'A tenant''s bills (with payments, adjustments, balance) and payments, newest first, and its credit.';
REVOKE ALL ON FUNCTION monay.get_billing_history(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.get_billing_history(uuid) TO monay_app, monay_platform, monay_readonly;
