-- sql/functions/billing/process_monthly_billing.sql
CREATE OR REPLACE PROCEDURE monay.process_monthly_billing(
    p_period date
)
    LANGUAGE plpgsql
AS $$
/* Bills every tenant for the calendar month (UTC) holding p_period, which
   must be over: finalizes each tenant's bill exactly once in batches of
   BILLING_RUN_BATCH_SIZE tenants, committing after each batch
   (monay.billing_run_part as part 1 of 1), then builds the groups'
   consolidated bills (monay.consolidate_group_bills). A run that is killed
   halfway loses at most its open batch; run it again and it bills the
   tenants that are left and nobody twice. Two runs at once do not double
   bill: each tenant's month is finalized under an exclusive lock and once
   only (primary key). A tenant that fails is rolled back alone, recorded
   durably in monay_private.billing_failures and counted (tenants_failed);
   tenants whose period lock is held are not waited for in the batches but
   retried once at the end (monay.billing_run_retry, waiting at most
   BILLING_RUN_LOCK_TIMEOUT); a WARNING at the end names the failures.
   Progress and the final counts are sent as NOTICEs whose DETAIL is JSON
   ({event: start | batch | retry | finish | groups, ...}); the counts stay
   in monay.billing_runs. Faster on several cores: `monaydb billing run
   --jobs N` (parts of the tenant id space in N sessions, docs/billing.md).
   For monay_platform, called outside a transaction block (CALL in
   autocommit): it commits, so it runs as its caller (PostgreSQL refuses
   COMMIT in a procedure that runs as its owner or carries a SET clause,
   hence no pinned search_path: every name here is schema-qualified, and
   each step is a platform-only function of its own with a pinned path) and
   sets the platform context again after each commit (the context lives for
   one transaction).
   Raises 42501 (not monay_platform), 22023 (NULL or out of range), MT407
   (month not over), 2D000 (called inside a transaction block). */
DECLARE
    v_groups integer;
BEGIN
    CALL monay.billing_run_part(p_period, 1, 1);
    -- Groups: consolidated bills over the members' finalized bills (idempotent; groups whose
    -- consolidation is off are left alone).
    PERFORM monay.set_platform_context();
    v_groups := monay.consolidate_group_bills(date_trunc('month', p_period)::date);
    COMMIT;
    RAISE NOTICE 'billing run for %: % consolidated group bill(s)', to_char(p_period, 'YYYY-MM'), v_groups
        USING DETAIL = jsonb_build_object('event', 'groups', 'group_bills', v_groups)::text;
END;
$$;

COMMENT ON PROCEDURE monay.process_monthly_billing(date) IS
    'Monthly run: bills every tenant for an ended month exactly once, committing per batch (rerunnable).';
REVOKE ALL ON PROCEDURE monay.process_monthly_billing(date) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE monay.process_monthly_billing(date) TO monay_platform;
