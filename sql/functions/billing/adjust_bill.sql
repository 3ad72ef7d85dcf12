-- sql/functions/billing/adjust_bill.sql
CREATE OR REPLACE FUNCTION monay.adjust_bill(
    p_tenant_id      uuid
    , p_period       date
    , p_amount_cents bigint
    , p_reason       text
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Platform only: corrects the finalized bill of the month holding p_period
   by p_amount_cents (positive: the tenant owes more; negative: a credit
   against that bill), with a reason. The bill row never changes; the
   correction is a row of monay.billing_adjustments and the balance due
   becomes total_before_discount + adjustments - paid. A paid bill that a
   positive correction reopens goes back to 'finalized'; then the tenant's
   credit is applied (waterfall). Returns the bill as calculate_tenant_billing
   shows it. Raises MT416 (beyond 10^15 cents), 42501 (not platform), 22023 (NULL, amount 0, blank
   reason), MT412 (the month has no bill, or it is void), MT413 (the balance
   would fall below what was already paid: refunds are not handled here). */
DECLARE
    c_lock_kind constant integer := 1296253207;  -- 'MBPW': billing waterfall lock
    v_period date;
    v_bill   record;
    v_due    bigint;
BEGIN
    PERFORM monay_private.require_platform(format('adjust_bill(%s, %s)', p_tenant_id, p_period));
    IF p_tenant_id IS NULL OR p_amount_cents IS NULL OR p_amount_cents = 0
       OR coalesce(length(btrim(p_reason)), 0) NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'adjust_bill: tenant, a non-zero amount and a reason (1 to 500 characters) are required'
            USING ERRCODE = '22023';
    END IF;
    v_period := monay_private.billing_period_start(p_period, 'adjust_bill');
    PERFORM pg_advisory_xact_lock(c_lock_kind, hashtext(p_tenant_id::text || ':all'));
    SELECT m.status, m.total_before_discount_cents
           + coalesce((SELECT sum(a.amount_cents) FROM monay.billing_adjustments a
                       WHERE a.tenant_id = m.tenant_id AND a.period = m.period), 0) AS owed,
           coalesce((SELECT sum(x.amount_cents) FROM monay.payment_allocations x
                     WHERE x.tenant_id = m.tenant_id AND x.period = m.period), 0) AS paid
    INTO v_bill
    FROM monay.billing_metrics m WHERE m.tenant_id = p_tenant_id AND m.period = v_period;
    IF NOT FOUND OR v_bill.status NOT IN ('finalized', 'paid') THEN
        RAISE EXCEPTION 'tenant % has no finalized bill for % to adjust%', p_tenant_id, to_char(v_period, 'YYYY-MM'),
            CASE WHEN FOUND THEN ' (it is ' || v_bill.status || ')' ELSE '' END USING ERRCODE = 'MT412';
    END IF;
    -- Amounts stay below 10^15 cents (MT416): the new total is checked in numeric, never overflowed.
    IF abs(p_amount_cents::numeric) > 1000000000000000
       OR abs(v_bill.owed::numeric + p_amount_cents) > 1000000000000000 THEN
        RAISE EXCEPTION 'adjust_bill: an adjustment of % cents to the % bill of tenant % is beyond what billing can hold (10^15 cents)',
            p_amount_cents, to_char(v_period, 'YYYY-MM'), p_tenant_id USING ERRCODE = 'MT416';
    END IF;
    v_due := v_bill.owed + p_amount_cents - v_bill.paid;
    IF v_due < 0 THEN
        RAISE EXCEPTION 'adjusting the % bill of tenant % by % cents leaves % cents owed but % were paid',
            to_char(v_period, 'YYYY-MM'), p_tenant_id, p_amount_cents, v_bill.owed + p_amount_cents, v_bill.paid
            USING ERRCODE = 'MT413';
    END IF;
    INSERT INTO monay.billing_adjustments (tenant_id, period, amount_cents, reason, created_by)
    VALUES (p_tenant_id, v_period, p_amount_cents, btrim(p_reason), monay.current_user_id());
    IF v_bill.status = 'paid' AND v_due > 0 THEN
        UPDATE monay.billing_metrics m SET status = 'finalized', paid_at = NULL
        WHERE m.tenant_id = p_tenant_id AND m.period = v_period;
    END IF;
    PERFORM monay_private.billing_waterfall(p_tenant_id);
    RETURN monay_private.billing_stored_bill(p_tenant_id, v_period);
END;
$$;

COMMENT ON FUNCTION monay.adjust_bill(uuid, date, bigint, text) IS
    'Platform only: corrects a finalized bill with an adjustment row (the bill itself never changes).';
REVOKE ALL ON FUNCTION monay.adjust_bill(uuid, date, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.adjust_bill(uuid, date, bigint, text) TO monay_platform;
