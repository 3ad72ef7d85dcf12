-- sql/functions/billing/billing_period_lock_key.sql
CREATE OR REPLACE FUNCTION monay_private.billing_period_lock_key(
    p_tenant_id uuid
    , p_period  date
)
    RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
/* The second key of the billing period lock (first key 1296253249, 'MBPL')
   that operations hold shared and the monthly run takes exclusively: the
   month and one of 256 buckets of tenants (hashtext of the tenant id). A
   bucket, not the tenant, so that one statement or transaction holds at
   most 256 such locks per month whatever the number of tenants it writes
   (a bulk INSERT INTO billing_operations for 100,000 tenants takes at most
   256 x the 2 months usage may count in). Sharing a bucket only means that
   a late operation of the previous month may wait for the run to commit a
   batch. pg_advisory_* are executable by monay_owner only (migration 008),
   so no application can take these locks. Inlined into its callers (every
   part of the body is immutable). Never raises. */
    -- The month as 'YYYY-MM-DD' built from immutable parts (date::text depends on DateStyle and is
    -- only STABLE, which kept this IMMUTABLE function from being inlined: ~50 us per call on the
    -- usage path instead of ~2). Same keys as hashtext(p_period::text || ...) under DateStyle ISO.
    SELECT hashtext(extract(year FROM p_period)::integer::text
                    || '-' || lpad(extract(month FROM p_period)::integer::text, 2, '0')
                    || '-' || lpad(extract(day FROM p_period)::integer::text, 2, '0')
                    || ':' || (hashtext(p_tenant_id::text) & 255)::text)
$$;

COMMENT ON FUNCTION monay_private.billing_period_lock_key(uuid, date) IS
    'Second key of the billing period lock: month x one of 256 tenant buckets (bounded locks per statement).';
REVOKE ALL ON FUNCTION monay_private.billing_period_lock_key(uuid, date) FROM PUBLIC;
