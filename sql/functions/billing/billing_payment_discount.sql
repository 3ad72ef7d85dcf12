-- sql/functions/billing/billing_payment_discount.sql
CREATE OR REPLACE FUNCTION monay_private.billing_payment_discount(
    p_tenant_id   uuid
    , p_amount    bigint
    , p_percent   bigint
)
    RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The discount of a new payment of p_amount cents in a coin with p_percent
   off, per bill (docs/billing.md "Payments"): the waterfall will allocate
   the tenant's existing credit E, then this payment, to its finalized bills
   oldest first, in the order of the cumulative due amounts. On that axis
   the payment covers [E, E + p_amount). For each bill m with total B_m
   (total_before_discount + adjustments) and due d_m, starting at c_m on the
   axis, the payment settles x_m = overlap([c_m, c_m + d_m), [E, E + a)),
   after s_m = B_m - d_m + overlap([c_m, c_m + d_m), [0, E)) was settled:
     discount = sum_m (floor((s_m + x_m) p / 100) - floor(s_m p / 100))
                + floor((a - sum_m x_m) p / 100)
   so the discounts of all the payments that settle one bill add up to
   floor(B_m p / 100): a bill paid in k USDXM payments costs exactly its
   total_cents. The caller holds the waterfall lock (nothing moves
   in between). Never raises. */
DECLARE
    v_credit   bigint;
    v_discount bigint;
BEGIN
    IF p_percent = 0 THEN
        RETURN 0;
    END IF;
    SELECT coalesce(sum(p.amount_cents), 0)
           - coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x WHERE x.tenant_id = p_tenant_id), 0)
    INTO v_credit
    FROM monay.payments p WHERE p.tenant_id = p_tenant_id;
    WITH bills AS (
        SELECT b.period, b.total, greatest(b.total - b.allocated, 0) AS due
        FROM (SELECT m.period,
                     m.total_before_discount_cents
                     + coalesce((SELECT sum(a.amount_cents) FROM monay.billing_adjustments a
                                 WHERE a.tenant_id = m.tenant_id AND a.period = m.period), 0) AS total,
                     coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x
                               WHERE x.tenant_id = m.tenant_id AND x.period = m.period), 0) AS allocated
              FROM monay.billing_metrics m
              WHERE m.tenant_id = p_tenant_id AND m.status = 'finalized') b
    ), axis AS (
        SELECT b.total, b.due,
               coalesce(sum(b.due) OVER (ORDER BY b.period ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS c
        FROM bills b
    ), parts AS (
        SELECT a.total - a.due + greatest(0, least(a.c + a.due, v_credit) - a.c) AS s,
               greatest(0, least(a.c + a.due, v_credit + p_amount) - greatest(a.c, v_credit)) AS x
        FROM axis a
    )
    SELECT coalesce(sum(div((pt.s + pt.x) * p_percent, 100) - div(pt.s * p_percent, 100)), 0)
           + div((p_amount - coalesce(sum(pt.x), 0)) * p_percent, 100)
    INTO v_discount
    FROM parts pt;
    RETURN v_discount;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_payment_discount(uuid, bigint, bigint) IS
    'Discount of a new payment, per bill it settles (a bill paid in k USDXM payments costs exactly its total).';
REVOKE ALL ON FUNCTION monay_private.billing_payment_discount(uuid, bigint, bigint) FROM PUBLIC;
