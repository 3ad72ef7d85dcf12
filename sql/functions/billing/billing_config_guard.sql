-- sql/functions/billing/billing_config_guard.sql
CREATE OR REPLACE FUNCTION monay_private.billing_margin_violation(
    p_tier     text DEFAULT NULL
    , p_period date DEFAULT NULL
)
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The first (tier version, operation type) whose overage price is below the
   tier's gross-margin floor, as a message, or NULL. Checked for the versions
   of tiers that bill overage and have a floor above 0 (free has none), in
   force now or later (p_tier/p_period narrow it). For one unit of operation
   o under version v, in millicents:
     price = (counts_as_transaction ? overage_transaction_cents * 1000 : 0)
             + computation_units * overage_per_1000_units_cents
   and the floor holds when cost_millicents * 100 <= price * (100 - floor),
   i.e. (price - cost) / price >= floor / 100, exactly (no rounding). */
DECLARE
    v_msg text;
BEGIN
    SELECT format('tier %s (prices from %s): operation %s costs %s millicents and is billed %s millicents '
                  'per unit on overage, a gross margin below the floor of %s%%',
                  v.tier, v.effective_from, o.operation_type, o.cost_millicents,
                  (CASE WHEN o.counts_as_transaction THEN v.overage_transaction_cents * 1000 ELSE 0 END
                   + o.computation_units * v.overage_per_1000_units_cents), v.gross_margin_min_percent)
    INTO v_msg
    FROM monay.billing_tier_config v
    CROSS JOIN monay.operation_costs o
    WHERE v.overage_policy = 'bill' AND v.gross_margin_min_percent > 0
      AND (p_tier IS NULL OR v.tier = p_tier) AND (p_period IS NULL OR v.effective_from = p_period)
      AND v.effective_from >= coalesce(
            (SELECT max(c.effective_from) FROM monay.billing_tier_config c
             WHERE c.tier = v.tier AND c.effective_from <= date_trunc('month', now() AT TIME ZONE 'UTC')::date),
            date '-infinity')
      AND o.cost_millicents * 100 >
          (CASE WHEN o.counts_as_transaction THEN v.overage_transaction_cents * 1000 ELSE 0 END
           + o.computation_units * v.overage_per_1000_units_cents) * (100 - v.gross_margin_min_percent)
    ORDER BY v.tier, v.effective_from, o.operation_type
    LIMIT 1;
    RETURN v_msg;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_margin_violation(text, date) IS
    'First overage price below its tier''s gross-margin floor (current and future price versions), or NULL.';
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
/* AFTER INSERT/UPDATE on monay.billing_tier_config and monay.operation_costs
   (per statement): refuses (MT411) a price or cost that would put a tier's
   overage below its gross-margin floor (monay_private.billing_margin_violation).
   SECURITY DEFINER: the platform role that changes prices has no access to
   monay_private. */
DECLARE
    v_msg text := monay_private.billing_margin_violation();
BEGIN
    IF v_msg IS NOT NULL THEN
        RAISE EXCEPTION '%', v_msg USING ERRCODE = 'MT411',
            HINT = 'Raise the overage price or lower the cost, or lower the tier''s gross_margin_min_percent.';
    END IF;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_margin_floor_check() IS
    'Trigger: refuses prices/costs below a tier''s gross-margin floor (MT411).';
REVOKE ALL ON FUNCTION monay_private.billing_margin_floor_check() FROM PUBLIC;

CREATE OR REPLACE TRIGGER billing_tier_config_guard BEFORE INSERT OR UPDATE OR DELETE ON monay.billing_tier_config
    FOR EACH ROW EXECUTE FUNCTION monay_private.billing_tier_config_guard();
CREATE OR REPLACE TRIGGER billing_tier_config_margin_floor AFTER INSERT OR UPDATE ON monay.billing_tier_config
    FOR EACH STATEMENT EXECUTE FUNCTION monay_private.billing_margin_floor_check();
CREATE OR REPLACE TRIGGER operation_costs_margin_floor AFTER INSERT OR UPDATE ON monay.operation_costs
    FOR EACH STATEMENT EXECUTE FUNCTION monay_private.billing_margin_floor_check();
