-- sql/functions/billing/apply_margin_markup.sql
CREATE OR REPLACE FUNCTION monay.apply_margin_markup(
    p_cost_cents       bigint
    , p_margin_percent numeric
)
    RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The lowest price in whole cents whose gross margin is at least
   p_margin_percent: price = ceil(cost * 100 / (100 - margin)), computed in
   exact numeric and rounded up to the cent (so (price - cost) / price >=
   margin / 100 always holds). Examples: (100, 60) -> 250, (100, 70) -> 334,
   (0, any) -> 0. Raises 22023 for NULL, a negative cost or a margin outside
   [0, 100); MT416 for a price above 10^15 cents (what billing can hold). */
BEGIN
    IF p_cost_cents IS NULL OR p_cost_cents < 0 THEN
        RAISE EXCEPTION 'apply_margin_markup: cost must be a non-negative number of cents, got %',
            coalesce(p_cost_cents::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_margin_percent IS NULL OR p_margin_percent < 0 OR p_margin_percent >= 100 THEN
        RAISE EXCEPTION 'apply_margin_markup: margin must be at least 0 and below 100 percent, got %',
            coalesce(p_margin_percent::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    -- Money stays below 10^15 cents everywhere (MT416): a price beyond it is refused, not overflowed.
    IF ceil(p_cost_cents::numeric * 100 / (100 - p_margin_percent)) > 1000000000000000 THEN
        RAISE EXCEPTION 'apply_margin_markup: a cost of % cents at % %% margin prices above 10^15 cents',
            p_cost_cents, p_margin_percent USING ERRCODE = 'MT416';
    END IF;
    RETURN ceil(p_cost_cents::numeric * 100 / (100 - p_margin_percent))::bigint;
END;
$$;

COMMENT ON FUNCTION monay.apply_margin_markup(bigint, numeric) IS
    'Lowest price (cents, rounded up) with at least the given gross margin: ceil(cost * 100 / (100 - margin)).';
REVOKE ALL ON FUNCTION monay.apply_margin_markup(bigint, numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.apply_margin_markup(bigint, numeric) TO monay_app, monay_platform, monay_readonly;
