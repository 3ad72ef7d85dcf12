-- sql/functions/billing/billing_period_bucket.sql
CREATE OR REPLACE FUNCTION monay_private.billing_period_bucket(
    p_tenant_id uuid
)
    RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
/* The tenant's bucket (0 to 255) for the billing period lock: hashtext of the
   tenant id's text, its low 8 bits. The one definition behind
   monay_private.billing_period_lock_key (the lock every operation and the
   monthly run take) and the parts of the monthly run (monay.billing_run_part:
   part k of n bills the buckets whose number modulo n is k - 1). By hash, not
   by the id's leading bits, so buckets stay even whatever ids applications
   choose (time-ordered ids included). Inlined into its callers. Never
   raises; NULL for NULL. */
    SELECT hashtext(p_tenant_id::text) & 255
$$;

COMMENT ON FUNCTION monay_private.billing_period_bucket(uuid) IS
    'The tenant''s billing period lock bucket (0-255): the unit of the period lock and of the monthly run''s parts.';
REVOKE ALL ON FUNCTION monay_private.billing_period_bucket(uuid) FROM PUBLIC;
