-- sql/functions/billing/billing_run_part.sql
CREATE OR REPLACE PROCEDURE monay.billing_run_part(
    p_period   date
    , p_part   integer
    , p_parts  integer
)
    LANGUAGE plpgsql
AS $$
/* Bills, for the calendar month (UTC) holding p_period (which must be
   over), the tenants of part p_part of p_parts: those whose period-lock
   bucket (monay_private.billing_period_lock_key, 256 buckets of tenant ids)
   modulo p_parts is p_part - 1 (1 of 1 is every tenant), so that parts
   running at once never want the same period lock: exactly once each, in batches of BILLING_RUN_BATCH_SIZE tenants
   (monay.billing_run_batch), committing after each batch, then the tenants
   whose period lock was held retried once (monay.billing_run_retry), then
   the run's row closed (monay.billing_run_finish). The body of
   monay.process_monthly_billing, which runs it as 1 of 1 and then the
   groups' step; `monaydb billing run --jobs N` runs parts 1..N of N in N
   sessions at once (two cores: two sessions bill twice as fast) and the
   groups' step (monay.consolidate_group_bills) once after them all.
   Parts of one month may run at once, with each other and with any other
   run of that month: every tenant's month is finalized under its exclusive
   period lock and once only (primary key). A part killed halfway is
   finished by running it (or the whole month) again: it bills what is left.
   Progress as NOTICEs whose DETAIL is JSON ({event: start | batch | retry |
   finish, ...}), a WARNING naming the failures.
   For monay_platform, outside a transaction block (CALL in autocommit): it
   commits, so it runs as its caller, without a pinned search_path (every
   name schema-qualified, each step a platform-only function with a pinned
   path), setting the platform context again after each commit.
   Raises 42501 (not monay_platform), 22023 (NULL or out of range: p_parts
   from 1 to 64, p_part from 1 to p_parts), MT407 (month not over), 2D000
   (called inside a transaction block). */
DECLARE
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
    IF p_parts IS NULL OR p_part IS NULL OR p_parts NOT BETWEEN 1 AND 64 OR p_part NOT BETWEEN 1 AND p_parts THEN
        RAISE EXCEPTION 'billing_run_part: part % of % is out of range (parts from 1 to 64, part from 1 to parts)',
            coalesce(p_part::text, 'NULL'), coalesce(p_parts::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    PERFORM monay.set_platform_context();
    v_start := monay.billing_run_start(p_period, CASE WHEN p_parts > 1 THEN p_part END,
                                       CASE WHEN p_parts > 1 THEN p_parts END);
    v_run := (v_start ->> 'run_id')::bigint;
    COMMIT;
    RAISE NOTICE 'billing run % for %: % tenants, % billed before', v_run, v_start ->> 'period',
        v_start ->> 'tenants_total', v_start ->> 'already_billed'
        USING DETAIL = (v_start || jsonb_build_object('event', 'start', 'part', p_part, 'parts', p_parts))::text;
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
    IF (v_done ->> 'tenants_failed')::bigint > 0 THEN
        RAISE WARNING 'billing run % for %: % tenants could not be billed (monay_private.billing_failures, run_id %); '
            'a rerun bills them', v_run, v_done ->> 'period', v_done ->> 'tenants_failed', v_run
            USING DETAIL = (v_done -> 'failures')::text;
    END IF;
    RAISE NOTICE 'billing run % for % finished: % billed, % skipped, % remaining', v_run, v_done ->> 'period',
        v_done ->> 'tenants_billed', v_done ->> 'tenants_skipped', v_done ->> 'remaining'
        USING DETAIL = (v_done || jsonb_build_object('event', 'finish', 'part', p_part, 'parts', p_parts))::text;
END;
$$;

COMMENT ON PROCEDURE monay.billing_run_part(date, integer, integer) IS
    'Monthly run of one part (k of n, by period-lock bucket) of the tenants: each exactly once, per batch (rerunnable).';
REVOKE ALL ON PROCEDURE monay.billing_run_part(date, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE monay.billing_run_part(date, integer, integer) TO monay_platform;
