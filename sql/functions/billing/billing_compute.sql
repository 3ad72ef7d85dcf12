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
   day of a month; callers normalise), status 'draft': the row of
   monay_private.billing_price (where every money rule is written, and which
   the monthly run uses for its batches) for this one tenant. The p_extra_*
   arguments add hypothetical usage under a tier (for
   monay.calculate_transaction_cost). Rules: billing_price.sql, docs/billing.md.
   The document is built by monay_private.billing_bill_json, as a stored
   bill's is on read; without its "margin" when the MARGIN_CALCULATION_ENABLED
   setting is false.
   Raises MT301 when the tenant does not exist, MT416 when the bill would be
   above 10^15 cents (the monthly run records it and goes on). */
DECLARE
    v_p record;
BEGIN
    SELECT p.* INTO v_p
    FROM monay_private.billing_price(ARRAY[p_tenant_id], p_period, p_extra_tier, p_extra_transactions,
                                     p_extra_units, p_extra_cost) p;
    PERFORM monay_private.require_tenant_found(p_tenant_id, FOUND);
    IF v_p.total_cents IS NULL THEN
        RAISE EXCEPTION 'the bill of tenant % for % would be % cents, above the 10^15 cents billing can hold',
            p_tenant_id, to_char(p_period, 'YYYY-MM'), v_p.total_before_discount USING ERRCODE = 'MT416';
    END IF;
    RETURN monay_private.billing_bill_json(p_tenant_id, p_period, v_p.tier, 'draft', 'USDXM', v_p.days_in_period,
        v_p.transactions_included, v_p.transactions_used, v_p.computation_units_included,
        v_p.computation_units_used, v_p.late_transactions, v_p.late_computation_units, v_p.base_fee_cents,
        v_p.overage_transactions_cents, v_p.overage_computation_units_cents, v_p.total_before_discount::bigint,
        v_p.usdxm_discount_cents, v_p.cost_cents, v_p.gross_margin_percent, v_p.target_gross_margin_percent,
        v_p.lines, monay_private.billing_margin_enabled());
END;
$$;

COMMENT ON FUNCTION monay_private.billing_compute(uuid, date, text, bigint, bigint, bigint) IS
    'The hybrid bill of one tenant and month (monay_private.billing_price for one tenant; MT301, MT416).';
REVOKE ALL ON FUNCTION monay_private.billing_compute(uuid, date, text, bigint, bigint, bigint) FROM PUBLIC;
