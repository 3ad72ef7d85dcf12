-- sql/functions/billing/billing_store_bills.sql
CREATE OR REPLACE FUNCTION monay_private.billing_store_bills(
    p_tenants  uuid[]
    , p_period date
    , p_run_id bigint DEFAULT NULL
)
    RETURNS TABLE (tenant_id uuid, total_before_discount_cents bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Stores the finalized bills of the month starting p_period (over; callers
   normalise and check) for the tenants of p_tenants not billed yet, priced in
   one statement by monay_private.billing_price: status 'finalized', or 'paid'
   at once for a bill of 0 (nothing is due). The figures only (columns and
   the tier lines): no JSON is written, readers build the document
   (monay_private.billing_stored_bill; issue 13). Returns one row per bill stored
   now. A tenant already billed, one that does not exist, and one whose bill
   would be above 10^15 cents (MT416 for billing_compute) get no row: the
   caller decides (monay_private.billing_finalize_tenant raises, the monthly
   run falls back to the per-tenant path, which records the failure).
   The caller holds the period locks of these tenants
   (monay_private.billing_period_lock_key) and applies credit afterwards.
   ON CONFLICT DO NOTHING: a bill stored meanwhile is never overwritten.
   Planned at each call with the batch in hand: EXECUTE ... USING, whose
   one-shot plan sees the parameters' values, with monay_private.billing_price
   inlined (its arguments are plain parameters: a sub-select there would
   stop the inlining), so never a plan kept from empty tables. Not LANGUAGE
   sql (issue 13, measured): a SQL function's body is planned without its
   arguments' values, the planner guessed a handful of tenants for
   `= ANY (p_tenants)` and joined the pricing's steps by nested loops,
   O(batch²): a batch of 2,000 took 1.36 s in those joins alone (4M rows
   removed by join filters), 500 about a third of each batch's time.
   Never raises for a tenant's data; raises what the INSERT raises otherwise
   (the monthly run then bills the batch tenant by tenant). */
BEGIN
    RETURN QUERY EXECUTE $q$
    INSERT INTO monay.billing_metrics AS bm (tenant_id, period, tier, status, payment_method, days_in_period,
        transactions_included, transactions_used, computation_units_included, computation_units_used,
        late_transactions, late_computation_units, base_fee_cents, overage_transactions_cents,
        overage_computation_units_cents, total_before_discount_cents, usdxm_discount_cents, total_cents,
        cost_cents, gross_margin_percent, target_gross_margin_percent, lines, run_id, paid_at)
    SELECT p.tenant_id, $2, p.tier, CASE WHEN p.total_before_discount = 0 THEN 'paid' ELSE 'finalized' END,
        'USDXM', p.days_in_period, p.transactions_included, p.transactions_used, p.computation_units_included,
        p.computation_units_used, p.late_transactions, p.late_computation_units, p.base_fee_cents,
        p.overage_transactions_cents, p.overage_computation_units_cents, p.total_before_discount,
        p.usdxm_discount_cents, p.total_cents, p.cost_cents, p.gross_margin_percent,
        p.target_gross_margin_percent, p.lines, $3, CASE WHEN p.total_before_discount = 0 THEN now() END
    FROM monay_private.billing_price($1, $2, NULL, 0, 0, 0) p
    WHERE p.total_cents IS NOT NULL
    -- A month billed already is passed over by the primary key alone (an
    -- anti-join here was planned, from a few-rows estimate, as a merge over
    -- the whole bills index under the RLS range: O(bills) per batch).
    ON CONFLICT ON CONSTRAINT billing_metrics_pkey DO NOTHING
    RETURNING bm.tenant_id, bm.total_before_discount_cents
    $q$ USING p_tenants, p_period, p_run_id;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_store_bills(uuid[], date, bigint) IS
    'Stores the finalized bills of a set of not-yet-billed tenants for an ended month, priced in one statement.';
REVOKE ALL ON FUNCTION monay_private.billing_store_bills(uuid[], date, bigint) FROM PUBLIC;
