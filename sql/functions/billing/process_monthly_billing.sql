-- sql/functions/billing/process_monthly_billing.sql
CREATE OR REPLACE PROCEDURE monay.process_monthly_billing(
    p_period date
)
    LANGUAGE plpgsql
AS $$
/* Bills every tenant for the calendar month (UTC) holding p_period, which
   must be over: finalizes each tenant's bill exactly once
   (monay_private.billing_finalize_tenant) in batches of BILLING_RUN_BATCH_SIZE
   tenants, committing after each batch. A run that is killed halfway loses
   at most its open batch; run it again and it bills the tenants that are
   left and nobody twice. Two runs at once do not double bill: each tenant's
   month is finalized under an exclusive lock and once only (primary key).
   A tenant that fails is rolled back alone, recorded durably in
   monay_private.billing_failures and counted (tenants_failed); tenants whose
   period lock is held are not waited for in the batches but retried once
   at the end (monay.billing_run_retry, waiting at most
   BILLING_RUN_LOCK_TIMEOUT); a WARNING at the end names the failures.
   Progress and the final counts are sent as NOTICEs whose DETAIL is JSON
   ({event: start | batch | finish, ...}); the counts stay in
   monay.billing_runs.
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
    v_groups  integer;
    v_start jsonb;
    v_batch jsonb;
    v_done  jsonb;
    v_run   bigint;
    v_after uuid;
    v_billed bigint := 0;
    v_skipped bigint := 0;
    v_busy  uuid[] := '{}'::uuid[];
    v_retry jsonb;
BEGIN
    PERFORM monay.set_platform_context();
    v_start := monay.billing_run_start(p_period);
    v_run := (v_start ->> 'run_id')::bigint;
    COMMIT;
    RAISE NOTICE 'billing run % for %: % tenants, % billed before', v_run, v_start ->> 'period',
        v_start ->> 'tenants_total', v_start ->> 'already_billed'
        USING DETAIL = (v_start || '{"event": "start"}'::jsonb)::text;
    LOOP
        PERFORM monay.set_platform_context();
        v_batch := monay.billing_run_batch(v_run, v_after);
        COMMIT;
        v_billed := v_billed + (v_batch ->> 'billed')::bigint;
        v_skipped := v_skipped + (v_batch ->> 'skipped')::bigint;
        RAISE NOTICE 'billing run %: % billed, % skipped so far', v_run, v_billed, v_skipped
            USING DETAIL = (v_batch || jsonb_build_object('event', 'batch', 'billed_total', v_billed,
                                                          'skipped_total', v_skipped))::text;
        v_busy := v_busy || ARRAY(SELECT jsonb_array_elements_text(v_batch -> 'busy')::uuid);
        EXIT WHEN v_batch ->> 'last_tenant_id' IS NULL;
        v_after := (v_batch ->> 'last_tenant_id')::uuid;
    END LOOP;
    IF cardinality(v_busy) > 0 THEN
        PERFORM monay.set_platform_context();
        v_retry := monay.billing_run_retry(v_run, v_busy);
        COMMIT;
        RAISE NOTICE 'billing run %: % busy tenants retried: % billed, % failed', v_run, cardinality(v_busy),
            v_retry ->> 'billed', v_retry ->> 'failed'
            USING DETAIL = (v_retry || '{"event": "retry"}'::jsonb)::text;
    END IF;
    PERFORM monay.set_platform_context();
    v_done := monay.billing_run_finish(v_run);
    COMMIT;
    -- Groups: consolidated bills over the members' finalized bills (idempotent; groups whose
    -- consolidation is off are left alone).
    PERFORM monay.set_platform_context();
    v_groups := monay.consolidate_group_bills((v_start ->> 'period')::date);
    COMMIT;
    RAISE NOTICE 'billing run % for %: % consolidated group bill(s)', v_run, v_start ->> 'period', v_groups
        USING DETAIL = jsonb_build_object('event', 'groups', 'group_bills', v_groups)::text;
    IF (v_done ->> 'tenants_failed')::bigint > 0 THEN
        RAISE WARNING 'billing run % for %: % tenants could not be billed (monay_private.billing_failures, run_id %); '
            'a rerun bills them', v_run, v_done ->> 'period', v_done ->> 'tenants_failed', v_run
            USING DETAIL = (v_done -> 'failures')::text;
    END IF;
    RAISE NOTICE 'billing run % for % finished: % billed, % skipped, % remaining', v_run, v_done ->> 'period',
        v_done ->> 'tenants_billed', v_done ->> 'tenants_skipped', v_done ->> 'remaining'
        USING DETAIL = (v_done || '{"event": "finish"}'::jsonb)::text;
END;
$$;

COMMENT ON PROCEDURE monay.process_monthly_billing(date) IS
    'Monthly run: bills every tenant for an ended month exactly once, committing per batch (rerunnable).';
REVOKE ALL ON PROCEDURE monay.process_monthly_billing(date) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE monay.process_monthly_billing(date) TO monay_platform;
