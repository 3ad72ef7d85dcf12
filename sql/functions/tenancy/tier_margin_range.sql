-- sql/functions/tenancy/tier_margin_range.sql
CREATE OR REPLACE FUNCTION monay_private.tier_margin_range(
    p_tier          text
    , OUT floor_pct   numeric
    , OUT ceiling_pct numeric
)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The gross margin range (percent, inclusive) of a billing tier, from
   monay.billing_tiers (the seed's contract: free 0..0, small_business 60..70,
   enterprise 70..90), which trigger tenants_200_margin_within_tier enforces on
   monay.tenants. NULLs for an unknown tier. Used for defaults and for error
   messages (sql/tests/tenancy/tier_margin_range.sql proves they agree). */
    SELECT trim_scale(r.gross_margin_min_percent), trim_scale(r.gross_margin_max_percent)
    FROM monay.billing_tiers r
    RIGHT JOIN (SELECT p_tier AS tier) q ON q.tier = r.tier
$$;

COMMENT ON FUNCTION monay_private.tier_margin_range(text) IS
    'Inclusive gross-margin range of a billing tier (monay.billing_tiers); NULLs when unknown.';
REVOKE ALL ON FUNCTION monay_private.tier_margin_range(text) FROM PUBLIC;
