-- sql/functions/billing/billing_waterfall.sql
CREATE OR REPLACE FUNCTION monay_private.billing_waterfall(
    p_tenant_id uuid
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Allocates the tenant's unallocated payment value (its credit) to its
   unpaid bills: oldest bill (period) first, each from the oldest payment
   with value left (payment id). A bill whose balance (total_before_discount
   + adjustments - allocations) reaches 0 becomes 'paid' (paid_at now(),
   payment_method = the coin of the payment that completed it; a bill of 0
   is paid at once). What no bill needs stays as credit for the next bill.
   Serialised per tenant (advisory lock 1296253207, hashtext(tenant:all)), so
   concurrent payments and runs never allocate the same cents twice.
   Returns {tenant_id, allocations: [{payment_id, period, amount_cents}],
   bills_paid: [period], credit_cents}. */
DECLARE
    c_lock_kind constant integer := 1296253207;  -- 'MBPW': billing waterfall lock
    v_bill      record;
    v_pay       record;
    v_due       bigint;
    v_take      bigint;
    v_method    text;
    v_allocs    jsonb := '[]'::jsonb;
    v_paid      jsonb := '[]'::jsonb;
    v_credit    bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(c_lock_kind, hashtext(p_tenant_id::text || ':all'));
    FOR v_bill IN
        SELECT m.period, m.payment_method,
               m.total_before_discount_cents
               + coalesce((SELECT sum(a.amount_cents) FROM monay.billing_adjustments a
                           WHERE a.tenant_id = m.tenant_id AND a.period = m.period), 0)
               - coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x
                           WHERE x.tenant_id = m.tenant_id AND x.period = m.period), 0) AS due
        FROM monay.billing_metrics m
        WHERE m.tenant_id = p_tenant_id AND m.status = 'finalized'
        ORDER BY m.period
    LOOP
        v_due := v_bill.due;
        v_method := v_bill.payment_method;
        WHILE v_due > 0 LOOP
            SELECT p.id, p.payment_method,
                   p.amount_cents - coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x
                                              WHERE x.tenant_id = p.tenant_id AND x.payment_id = p.id), 0) AS left_cents
            INTO v_pay
            FROM monay.payments p
            WHERE p.tenant_id = p_tenant_id
              AND p.amount_cents > coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x
                                             WHERE x.tenant_id = p.tenant_id AND x.payment_id = p.id), 0)
            ORDER BY p.id
            LIMIT 1;
            EXIT WHEN NOT FOUND;
            v_take := least(v_due, v_pay.left_cents);
            INSERT INTO monay.payment_allocations (tenant_id, payment_id, period, amount_cents)
            VALUES (p_tenant_id, v_pay.id, v_bill.period, v_take);
            v_allocs := v_allocs || jsonb_build_object('payment_id', v_pay.id, 'period', v_bill.period,
                                                       'amount_cents', v_take);
            v_due := v_due - v_take;
            v_method := v_pay.payment_method;
        END LOOP;
        IF v_due > 0 THEN
            EXIT;  -- no credit left: later bills stay unpaid too
        END IF;
        UPDATE monay.billing_metrics m SET status = 'paid', paid_at = now(), payment_method = v_method
        WHERE m.tenant_id = p_tenant_id AND m.period = v_bill.period;
        v_paid := v_paid || to_jsonb(v_bill.period);
    END LOOP;
    SELECT coalesce(sum(p.amount_cents), 0)
           - coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x WHERE x.tenant_id = p_tenant_id), 0)
    INTO v_credit
    FROM monay.payments p WHERE p.tenant_id = p_tenant_id;
    RETURN jsonb_build_object('tenant_id', p_tenant_id, 'allocations', v_allocs, 'bills_paid', v_paid,
                              'credit_cents', v_credit);
END;
$$;

COMMENT ON FUNCTION monay_private.billing_waterfall(uuid) IS
    'Allocates a tenant''s credit to its unpaid bills, oldest first; marks paid bills; returns what it did.';
REVOKE ALL ON FUNCTION monay_private.billing_waterfall(uuid) FROM PUBLIC;
