-- sql/functions/billing/billing_run_batch_limit.sql
CREATE OR REPLACE FUNCTION monay_private.billing_run_batch_limit(
    p_setting      integer
    , p_parts      integer
    , p_lock_slots bigint
)
    RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
/* How many tenants one batch of the monthly run bills: the setting
   BILLING_RUN_BATCH_SIZE (p_setting), but never so many that the run's parts
   (p_parts at once, NULL for a whole run) could fill more than half of the
   server's lock table (p_lock_slots: max_locks_per_transaction x
   (max_connections + max_prepared_transactions)). A batch holds one advisory
   lock per tenant it bills above 0 (the waterfall lock) and up to 256 period
   locks until it commits; a full lock table fails every session that then
   needs a lock (53200, out of shared memory), not only the run. So: at most
   p_lock_slots / (2 x parts) - 256 tenants, and never fewer than 100 (below
   that the batch's fixed costs dominate; a lock table that small is
   misconfigured for this workload: docs/billing.md, "Monthly run"). At least
   1; NULL or non-positive inputs count as 1. Never raises. */
    SELECT greatest(1, least(greatest(1, coalesce(p_setting, 1)),
                             greatest(100, greatest(1, coalesce(p_lock_slots, 0))
                                           / (2 * greatest(1, coalesce(p_parts, 1))) - 256)))::integer
$$;

COMMENT ON FUNCTION monay_private.billing_run_batch_limit(integer, integer, bigint) IS
    'Tenants per monthly-run batch: the setting, capped so the run''s parts hold at most half the lock table.';
REVOKE ALL ON FUNCTION monay_private.billing_run_batch_limit(integer, integer, bigint) FROM PUBLIC;
