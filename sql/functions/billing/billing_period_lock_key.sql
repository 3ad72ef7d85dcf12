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
   month and one of 256 buckets of tenants (monay_private.billing_period_bucket;
   the key itself: monay_private.billing_period_bucket_key). A
   bucket, not the tenant, so that one statement or transaction holds at
   most 256 such locks per month whatever the number of tenants it writes
   (a bulk INSERT INTO billing_operations for 100,000 tenants takes at most
   256 x the 2 months usage may count in). Sharing a bucket only means that
   a late operation of the previous month may wait for the run to commit a
   batch. pg_advisory_* are executable by monay_owner only (migration 008),
   so no application can take these locks. Inlined into its callers (every
   part of the body is immutable: the usage path pays ~2 us, not ~50, per
   call). Never raises. */
    SELECT monay_private.billing_period_bucket_key(monay_private.billing_period_bucket(p_tenant_id), p_period)
$$;

COMMENT ON FUNCTION monay_private.billing_period_lock_key(uuid, date) IS
    'Second key of the billing period lock: month x one of 256 tenant buckets (bounded locks per statement).';
REVOKE ALL ON FUNCTION monay_private.billing_period_lock_key(uuid, date) FROM PUBLIC;
