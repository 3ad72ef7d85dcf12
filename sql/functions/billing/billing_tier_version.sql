-- sql/functions/billing/billing_tier_version.sql
CREATE OR REPLACE FUNCTION monay_private.billing_tier_version(
    p_tier     text
    , p_period date
)
    RETURNS monay.billing_tier_config
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The price version of a tier that bills the month starting p_period: the
   latest row with effective_from <= p_period; NULL fields when there is none.
   PL/pgSQL rather than SQL: a SQL function with a SET clause is never inlined
   and is planned again at every call; this one keeps its plan. */
DECLARE
    v_row monay.billing_tier_config;
BEGIN
    SELECT c.* INTO v_row FROM monay.billing_tier_config c
    WHERE c.tier = p_tier AND c.effective_from <= p_period
    ORDER BY c.effective_from DESC
    LIMIT 1;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_tier_version(text, date) IS
    'Price version of a tier in force for the month starting p_period.';
REVOKE ALL ON FUNCTION monay_private.billing_tier_version(text, date) FROM PUBLIC;
