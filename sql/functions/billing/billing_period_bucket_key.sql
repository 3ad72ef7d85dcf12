-- sql/functions/billing/billing_period_bucket_key.sql
CREATE OR REPLACE FUNCTION monay_private.billing_period_bucket_key(
    p_bucket   integer
    , p_period date
)
    RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
/* The second key of the billing period lock (first key 1296253249, 'MBPL') of
   one bucket of tenants (monay_private.billing_period_bucket) for the month
   starting p_period: hashtext of 'YYYY-MM-DD:bucket'. The monthly run
   computes it once per bucket of a batch (at most 256), not once per tenant
   (issue 13, fourth round); monay_private.billing_period_lock_key gives the
   same key from a tenant id. The month as text built from immutable parts
   (date::text depends on DateStyle and is only STABLE, which would keep this
   function from being inlined). Never raises; NULL for NULL. */
    SELECT hashtext(extract(year FROM p_period)::integer::text
                    || '-' || lpad(extract(month FROM p_period)::integer::text, 2, '0')
                    || '-' || lpad(extract(day FROM p_period)::integer::text, 2, '0')
                    || ':' || p_bucket::text)
$$;

COMMENT ON FUNCTION monay_private.billing_period_bucket_key(integer, date) IS
    'Second key of the billing period lock for one bucket of tenants and one month.';
REVOKE ALL ON FUNCTION monay_private.billing_period_bucket_key(integer, date) FROM PUBLIC;
