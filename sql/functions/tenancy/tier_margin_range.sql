-- sql/functions/tenancy/tier_margin_range.sql
CREATE OR REPLACE FUNCTION monay_private.tier_margin_range(
    p_tier          text
    , OUT floor_pct   numeric
    , OUT ceiling_pct numeric
)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The gross margin range (percent, inclusive) of a billing tier, as the CHECK
   tenants_gross_margin_within_tier of monay.tenants fixes it (the seed's
   contract): free 0..0, small_business 60..70, enterprise 70..90. NULLs for an
   unknown tier. Used for defaults and for error messages; the CHECK stays the
   authority (sql/tests/tenancy/tier_margin_range.sql proves they agree). */
    SELECT r.lo, r.hi
    FROM (VALUES ('free', 0::numeric, 0::numeric),
                 ('small_business', 60, 70),
                 ('enterprise', 70, 90)) AS r (tier, lo, hi)
    RIGHT JOIN (SELECT p_tier AS tier) q ON q.tier = r.tier
$$;

COMMENT ON FUNCTION monay_private.tier_margin_range(text) IS
    'Inclusive gross-margin range of a billing tier (the tenants CHECK); NULLs when unknown.';
REVOKE ALL ON FUNCTION monay_private.tier_margin_range(text) FROM PUBLIC;
