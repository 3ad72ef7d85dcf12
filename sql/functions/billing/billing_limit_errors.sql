-- sql/functions/billing/billing_limit_errors.sql
CREATE OR REPLACE FUNCTION monay_private.billing_refuse_over_allowance(
    p_tenant_id       uuid
    , p_tier          text
    , p_period        date
    , p_what          text
    , p_limit         bigint
    , p_used          bigint
    , p_requested     bigint
)
    RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Raises MT402 (a tier that refuses usage beyond its allowance, i.e. free,
   would exceed it). One place for the message, shared by the recording path
   (statement trigger) and monay.enforce_tenant_limits. */
BEGIN
    RAISE EXCEPTION 'tenant % (tier %) would exceed its included % for %: limit %, used %, requested %',
        p_tenant_id, p_tier, p_what, to_char(p_period, 'YYYY-MM'), p_limit, p_used, p_requested
        USING ERRCODE = 'MT402',
              HINT = 'The free tier refuses usage beyond its allowance: upgrade the tier (monay.upgrade_tenant_tier) or wait for next month.';
END;
$$;

COMMENT ON FUNCTION monay_private.billing_refuse_over_allowance(uuid, text, date, text, bigint, bigint, bigint) IS
    'Raises MT402 naming tenant, tier, limit, usage and request.';
REVOKE ALL ON FUNCTION monay_private.billing_refuse_over_allowance(uuid, text, date, text, bigint, bigint, bigint) FROM PUBLIC;

CREATE OR REPLACE FUNCTION monay_private.billing_refuse_rate(
    p_tenant_id     uuid
    , p_tier        text
    , p_rate        bigint
    , p_burst       bigint
    , p_slots       bigint
    , p_retry_us    bigint
)
    RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Raises MT403 (a burst beyond the tier's rate limit). */
BEGIN
    RAISE EXCEPTION 'tenant % (tier %) exceeded its rate limit of % calls/s (burst %, over % slot(s)): retry in % ms',
        p_tenant_id, p_tier, p_rate, p_burst, p_slots, greatest(1, (p_retry_us + 999) / 1000)
        USING ERRCODE = 'MT403',
              HINT = 'Slow down, batch operations with monay.track_operations, or move to a higher tier.';
END;
$$;

COMMENT ON FUNCTION monay_private.billing_refuse_rate(uuid, text, bigint, bigint, bigint, bigint) IS
    'Raises MT403 naming tenant, tier, rate limit and when to retry.';
REVOKE ALL ON FUNCTION monay_private.billing_refuse_rate(uuid, text, bigint, bigint, bigint, bigint) FROM PUBLIC;
