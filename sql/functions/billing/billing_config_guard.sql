-- sql/functions/billing/billing_config_guard.sql
CREATE OR REPLACE FUNCTION monay_private.billing_margin_violation(
    p_tier     text DEFAULT NULL
    , p_period date DEFAULT NULL
)
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The first price version that breaks its tier's gross-margin floor, as a
   message, or NULL. Checked for every version with a floor above 0 (free has
   none) in force now or later (p_tier/p_period narrow it), against the
   operation costs and the payment discounts as they are now. All amounts in
   millicents; f = gross_margin_min_percent; d = the largest discount_percent
   of monay.stablecoin_payment_config (USDXM: 10): the bill's margin is taken
   on what the tenant pays after that discount, so revenue counts at
   (100 - d) / 100 of the price. Both rules are exact: products of integers
   and numeric(5,2), compared cross-multiplied, never a division.

   1. Overage (versions that bill overage). One unit of operation o billed
      as overage under version v is priced
        price = (counts_as_transaction ? overage_transaction_cents * 1000 : 0)
                + computation_units * overage_per_1000_units_cents
      and must keep the floor:
        cost_millicents * 100 * 100 <= price * (100 - d) * (100 - f)

   2. Allowance (every version). The base fee pays for the included
      allowance, whose worst-case cost to Monay is bounded by
        bound = included_transactions * CT + included_computation_units * CU
      CT = max cost_millicents over operations that count as a transaction,
      CU = max over operations with units > 0 of cost_millicents / units.
      The bound is conservative: an operation that counts as a transaction
      also uses units, and its cost is counted in both terms; an operation
      that uses neither costs nothing against the allowance and is caught by
      rule 1 (its overage price is 0). The rule
        bound * 100 * 100 <= base_fee_cents * 1000 * (100 - d) * (100 - f)
      holds iff it holds with CU replaced by cost_o / units_o for every
      operation o with units > 0; multiplied by units_o (> 0):
        (included_transactions * CT * units_o + included_computation_units * cost_o) * 100 * 100
          <= base_fee_cents * 1000 * (100 - d) * (100 - f) * units_o
      which is what is checked (plus CU = 0 when no operation has units).
   With both rules, a whole month of any usage of one paid tier costs Monay
   at most (100 - f)% of what the tenant pays (up to cent rounding); see
   docs/billing.md, "Margin floor", for the proof sketch and the cases a
   month with a tier change does not cover. */
DECLARE
    v_disc numeric;
    v_msg  text;
BEGIN
    SELECT coalesce(max(s.discount_percent), 0) INTO v_disc FROM monay.stablecoin_payment_config s;

    WITH versions AS (
        SELECT v.* FROM monay.billing_tier_config v
        WHERE v.gross_margin_min_percent > 0
          AND (p_tier IS NULL OR v.tier = p_tier) AND (p_period IS NULL OR v.effective_from = p_period)
          AND v.effective_from >= coalesce(
                (SELECT max(c.effective_from) FROM monay.billing_tier_config c
                 WHERE c.tier = v.tier AND c.effective_from <= date_trunc('month', now() AT TIME ZONE 'UTC')::date),
                date '-infinity')
    ), overage AS (
        -- Rule 1, per version and operation; the worst ratio of cost to price first.
        SELECT v.tier, v.effective_from, 1 AS rule,
               CASE WHEN p.price > 0 THEN -(o.cost_millicents / p.price) END AS rank, o.operation_type AS op,
               format('tier %s (prices from %s): operation %s costs %s millicents and is billed %s millicents '
                      'per unit on overage, %s after the largest payment discount of %s%%: a gross margin below '
                      'the floor of %s%% (rule: cost x 100 x 100 <= price x (100 - discount) x (100 - floor))',
                      v.tier, v.effective_from, o.operation_type, o.cost_millicents, p.price,
                      trim_scale(p.price * (100 - v_disc) / 100), v_disc, v.gross_margin_min_percent) AS msg
        FROM versions v
        CROSS JOIN monay.operation_costs o
        CROSS JOIN LATERAL (
            SELECT (CASE WHEN o.counts_as_transaction THEN v.overage_transaction_cents * 1000 ELSE 0 END
                    + o.computation_units * v.overage_per_1000_units_cents)::numeric AS price) p
        WHERE v.overage_policy = 'bill'
          AND o.cost_millicents::numeric * 100 * 100 > p.price * (100 - v_disc) * (100 - v.gross_margin_min_percent)
    ), ct AS (
        SELECT coalesce(max(o.cost_millicents) FILTER (WHERE o.counts_as_transaction), 0)::numeric AS ct,
               (array_agg(o.operation_type ORDER BY o.cost_millicents DESC, o.operation_type COLLATE "C")
                    FILTER (WHERE o.counts_as_transaction))[1] AS ct_op
        FROM monay.operation_costs o
    ), per_unit AS (
        -- Candidates for CU: every operation with units, and CU = 0.
        SELECT o.operation_type, o.cost_millicents::numeric AS cost, o.computation_units::numeric AS units
        FROM monay.operation_costs o WHERE o.computation_units > 0
        UNION ALL
        SELECT NULL, 0, 1
    ), allowance AS (
        -- Rule 2, per version and candidate for CU (cross-multiplied by its
        -- units); the dearest unit first. The bound in the message is
        -- rounded up to a millicent (display only).
        SELECT v.tier, v.effective_from, 2 AS rule, -(u.cost / u.units) AS rank, u.operation_type AS op,
               format('tier %s (prices from %s): using the whole included allowance (%s transactions, %s computation '
                      'units) may cost Monay up to %s millicents (%s transactions x %s, the dearest transaction (%s), '
                      '+ %s units x %s, the dearest unit (%s: %s millicents per %s units)), and the base fee of %s '
                      'cents is %s millicents after the largest payment discount of %s%%: a gross margin below the '
                      'floor of %s%% (rule: bound x 100 x 100 <= base fee x 1000 x (100 - discount) x (100 - floor); '
                      'the bound is conservative, an operation''s cost counts against both allowances)',
                      v.tier, v.effective_from, v.included_transactions, v.included_computation_units,
                      ceil((v.included_transactions * ct.ct * u.units + v.included_computation_units * u.cost) / u.units),
                      v.included_transactions, ct.ct, coalesce(ct.ct_op, 'none'),
                      v.included_computation_units, trim_scale(round(u.cost / u.units, 3)),
                      coalesce(u.operation_type, 'none'), u.cost, u.units,
                      v.base_fee_cents, trim_scale(v.base_fee_cents::numeric * 1000 * (100 - v_disc) / 100), v_disc,
                      v.gross_margin_min_percent) AS msg
        FROM versions v
        CROSS JOIN ct
        CROSS JOIN per_unit u
        WHERE (v.included_transactions * ct.ct * u.units + v.included_computation_units * u.cost) * 100 * 100
              > v.base_fee_cents::numeric * 1000 * (100 - v_disc) * (100 - v.gross_margin_min_percent) * u.units
    )
    SELECT x.msg INTO v_msg
    FROM (SELECT o.tier, o.effective_from, o.rule, o.rank, o.op, o.msg FROM overage o
          UNION ALL
          SELECT a.tier, a.effective_from, a.rule, a.rank, a.op, a.msg FROM allowance a) x
    ORDER BY x.tier COLLATE "C", x.effective_from, x.rule, x.rank NULLS FIRST, x.op COLLATE "C"
    LIMIT 1;
    RETURN v_msg;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_margin_violation(text, date) IS
    'First price version (current or future) whose overage price or included allowance breaks its tier''s '
    'gross-margin floor, or NULL.';
REVOKE ALL ON FUNCTION monay_private.billing_margin_violation(text, date) FROM PUBLIC;

CREATE OR REPLACE FUNCTION monay_private.billing_tier_config_guard()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* BEFORE INSERT/UPDATE/DELETE on monay.billing_tier_config: a price change
   never rewrites a bill. Only versions effective from a month after the
   current one (UTC) may be inserted, changed or deleted; versions in force
   or past are fixed (MT414). */
DECLARE
    v_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.effective_from <= v_month THEN
        RAISE EXCEPTION 'price version % of tier % is in force or past and cannot change: add a version '
            'effective from a future month', OLD.effective_from, OLD.tier USING ERRCODE = 'MT414';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.effective_from <= v_month THEN
        RAISE EXCEPTION 'price version of tier % effective from % would change a current or past bill: '
            'effective_from must be after %', NEW.tier, NEW.effective_from, v_month USING ERRCODE = 'MT414';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_tier_config_guard() IS
    'Trigger: price versions may only be added/changed for future months (MT414).';
REVOKE ALL ON FUNCTION monay_private.billing_tier_config_guard() FROM PUBLIC;

CREATE OR REPLACE FUNCTION monay_private.billing_margin_floor_check()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* AFTER INSERT/UPDATE on monay.billing_tier_config, monay.operation_costs
   and monay.stablecoin_payment_config (per statement): refuses (MT411) a
   price, allowance, cost or payment discount that would put a tier below its
   gross-margin floor, on overage or on the allowance included in the base
   fee (monay_private.billing_margin_violation, both rules). SECURITY
   DEFINER: the platform role that changes prices has no access to
   monay_private. */
DECLARE
    v_msg text := monay_private.billing_margin_violation();
BEGIN
    IF v_msg IS NOT NULL THEN
        RAISE EXCEPTION '%', v_msg USING ERRCODE = 'MT411',
            HINT = 'Raise the price (overage price or base fee), lower the included allowance, the cost or the '
                   'payment discount, or lower the tier''s gross_margin_min_percent.';
    END IF;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_margin_floor_check() IS
    'Trigger: refuses prices, allowances, costs or discounts that break a tier''s gross-margin floor (MT411).';
REVOKE ALL ON FUNCTION monay_private.billing_margin_floor_check() FROM PUBLIC;

CREATE OR REPLACE TRIGGER billing_tier_config_guard BEFORE INSERT OR UPDATE OR DELETE ON monay.billing_tier_config
    FOR EACH ROW EXECUTE FUNCTION monay_private.billing_tier_config_guard();
CREATE OR REPLACE TRIGGER billing_tier_config_margin_floor AFTER INSERT OR UPDATE ON monay.billing_tier_config
    FOR EACH STATEMENT EXECUTE FUNCTION monay_private.billing_margin_floor_check();
CREATE OR REPLACE TRIGGER operation_costs_margin_floor AFTER INSERT OR UPDATE ON monay.operation_costs
    FOR EACH STATEMENT EXECUTE FUNCTION monay_private.billing_margin_floor_check();
CREATE OR REPLACE TRIGGER stablecoin_payment_config_margin_floor AFTER INSERT OR UPDATE ON monay.stablecoin_payment_config
    FOR EACH STATEMENT EXECUTE FUNCTION monay_private.billing_margin_floor_check();
