-- sql/functions/groups/process_group_payment.sql
CREATE OR REPLACE FUNCTION monay.process_group_payment(
    p_group_id         uuid
    , p_period         date
    , p_payment_method text
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Pays the consolidated bill of group p_group_id for the month holding
   p_period, once, in a stablecoin: the payer transfers
     final_amount = total_before_discount - floor(total_before_discount * discount_percent / 100)
   (USDXM 10%, USDC and USDT none), one discount on the consolidated total.
   The payment is allocated to the member lines: each member's bill is
   settled by monay.process_payment of that member (its own payment and
   waterfall, run under the member's own context, with the idempotency key
   'group:<group>:<period>'), for its total_before_discount; the
   consolidated discount is shared among the lines in proportion (largest
   remainder, so the shares add up to it exactly). A paid bill returns its
   first response with duplicate = true (idempotent, also under concurrent
   retries: the group bill row is locked first).
   Who: a manager of the group (the payer) or the platform.
   Raises (nothing recorded): 42501 (not a manager), 22023 (NULL period),
   MG001 (no such group), MG020 (no consolidated bill for that month),
   MT405 (fiat or a disabled coin). */
DECLARE
    v_group  monay.groups;
    v_bill   monay.group_bills;
    v_period date;
    v_pct    bigint;
    v_disc   bigint;
    v_line   record;
    v_prev   jsonb;
    v_pay    jsonb;
    v_lines  jsonb := '[]'::jsonb;
    v_resp   jsonb;
BEGIN
    v_group := monay_private.group_find(p_group_id, 'process_group_payment');
    PERFORM monay_private.group_require_manager(v_group, 'process_group_payment');
    PERFORM monay_private.require_not_null(p_period, 'p_period', 'process_group_payment');
    v_period := date_trunc('month', p_period)::date;
    SELECT * INTO v_bill FROM monay.group_bills b
    WHERE b.tenant_id = v_group.tenant_id AND b.group_id = v_group.id AND b.period = v_period FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'process_group_payment: group % has no consolidated bill for %', p_group_id,
            to_char(v_period, 'YYYY-MM') USING ERRCODE = 'MG020',
            HINT = 'Consolidated bills are made by the monthly run (monay_private.group_billing_consolidate).';
    END IF;
    IF v_bill.status = 'paid' THEN
        RETURN v_bill.payment || '{"duplicate": true}'::jsonb;
    END IF;
    SELECT s.discount_percent INTO v_pct FROM monay.stablecoin_payment_config s
    WHERE s.symbol = p_payment_method AND s.enabled;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'payment method % is not accepted for group %: pay with an enabled stablecoin',
            coalesce(quote_literal(p_payment_method), 'NULL'), p_group_id USING ERRCODE = 'MT405';
    END IF;
    v_disc := v_bill.total_before_discount_cents * v_pct / 100;
    FOR v_line IN
        WITH l AS (
            SELECT x.tenant_id, x.total_before_discount_cents AS amount,
                   x.total_before_discount_cents * v_disc / greatest(v_bill.total_before_discount_cents, 1) AS share,
                   x.total_before_discount_cents * v_disc % greatest(v_bill.total_before_discount_cents, 1) AS rem
            FROM monay.group_bill_lines x
            WHERE x.payer_tenant_id = v_bill.tenant_id AND x.group_id = v_bill.group_id AND x.period = v_period
        )
        SELECT l.tenant_id, l.amount,
               l.share + CASE WHEN row_number() OVER (ORDER BY l.rem DESC, l.tenant_id)
                                   <= v_disc - sum(l.share) OVER () THEN 1 ELSE 0 END AS share
        FROM l ORDER BY l.tenant_id
    LOOP
        v_pay := NULL;
        IF v_line.amount > 0 THEN
            v_prev := monay_private.group_context_switch(v_line.tenant_id, NULL, false);
            BEGIN
                v_pay := monay.process_payment(v_line.tenant_id, v_line.amount, p_payment_method,
                                               format('group:%s:%s', p_group_id, to_char(v_period, 'YYYY-MM')));
                UPDATE monay.group_bill_lines x SET paid_cents = v_line.amount, discount_share_cents = v_line.share,
                    payment_id = (v_pay ->> 'payment_id')::bigint
                WHERE x.tenant_id = v_line.tenant_id AND x.period = v_period;
            EXCEPTION WHEN OTHERS THEN
                PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                                           (v_prev ->> 'platform')::boolean);
                RAISE;
            END;
            PERFORM monay_private.group_context_switch((v_prev ->> 'tenant_id')::uuid, (v_prev ->> 'user_id')::uuid,
                                                       (v_prev ->> 'platform')::boolean);
        END IF;
        v_lines := v_lines || jsonb_build_object('tenant_id', v_line.tenant_id, 'amount_cents', v_line.amount,
            'discount_share_cents', v_line.share, 'payment_id', v_pay -> 'payment_id',
            'bills_paid', v_pay -> 'bills_paid');
    END LOOP;
    v_resp := jsonb_build_object('group_id', p_group_id, 'period', v_period, 'payer_tenant_id', v_bill.tenant_id,
        'amount_cents', v_bill.total_before_discount_cents, 'payment_method', p_payment_method,
        'discount_applied', v_disc, 'final_amount', v_bill.total_before_discount_cents - v_disc,
        'lines', v_lines, 'duplicate', false);
    UPDATE monay.group_bills b SET status = 'paid', paid_at = now(), payment_method = p_payment_method,
        discount_applied_cents = v_disc, final_amount_cents = v_bill.total_before_discount_cents - v_disc,
        payment = v_resp
    WHERE b.tenant_id = v_bill.tenant_id AND b.group_id = v_bill.group_id AND b.period = v_period;
    RETURN v_resp;
END;
$$;

COMMENT ON FUNCTION monay.process_group_payment(uuid, date, text) IS
    'Pays a consolidated bill once (one discount on the total), allocated to the member bills; idempotent.';
REVOKE ALL ON FUNCTION monay.process_group_payment(uuid, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.process_group_payment(uuid, date, text) TO monay_app, monay_platform;
