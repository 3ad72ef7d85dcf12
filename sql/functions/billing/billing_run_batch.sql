-- sql/functions/billing/billing_run_batch.sql
CREATE OR REPLACE FUNCTION monay.billing_run_batch(
    p_run_id    bigint
    , p_after   uuid DEFAULT NULL
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Platform only; one batch of monay.process_monthly_billing: bills the next
   BILLING_RUN_BATCH_SIZE (setting; fewer when the server's lock table is
   small: monay_private.billing_run_batch_limit) tenants of the run's month,
   in tenant id order after p_after (only those of the run's part, when it
   has one: monay.billing_run_part), among those not billed yet (so a rerun
   after a crash starts with the rest; looked up only when the run started
   with some of its tenants billed: billing_runs.tenants_billed_before), each
   exactly once. Adds the counts to the run's row. The caller commits after
   each batch.
   Set-based (issue 13): the batch's tenants are priced and stored in one
   statement (monay_private.billing_store_bills, whose pricing
   monay_private.billing_price is the one the single-tenant path uses), under
   the exclusive period locks of their buckets (monay_private.billing_period_lock_key,
   at most 256), which are tried, not waited for: the tenants of a bucket
   whose lock is held (usage in flight, an application's open transaction)
   are returned in `busy` for monay.billing_run_retry. Then, for every bill
   above 0, the tenant's waterfall lock and, for tenants with payments,
   monay_private.billing_waterfall (credit pays the bill at once), as
   monay_private.billing_finalize_tenant does for one tenant.
   Isolation stays per tenant: when the batch's statement fails (or a
   waterfall lock is held), it is rolled back and the batch is billed tenant
   by tenant, each in a subtransaction (monay_private.billing_run_tenant): a
   tenant that fails (e.g. MT416, a bill beyond what billing can hold) is
   rolled back alone, recorded durably in monay_private.billing_failures
   (source monthly_run, with run, period, SQLSTATE and message), counted in
   the run's tenants_failed, and the batch goes on. Tenants that the batch's
   statement passes over (a bill beyond 10^15 cents, a bill stored
   meanwhile) take that path too.
   Plans: the statements that read tables whose size the run changes are
   planned at each call with their parameters' values (EXECUTE), never kept
   from a first call on empty tables.
   Returns {run_id, period, billed, skipped, failed, busy: [tenant_id],
   last_tenant_id, fallback} (last_tenant_id NULL when nothing was left;
   fallback NULL, or the SQLSTATE that sent the batch tenant by tenant).
   Raises 42501, 22023 (unknown run). */
DECLARE
    c_lock_kind constant integer := 1296253249;  -- 'MBPL': the billing period lock
    c_waterfall constant integer := 1296253207;  -- 'MBPW': the waterfall lock (billing_waterfall)
    v_run     monay.billing_runs;
    v_limit   integer;
    v_tenant  uuid;
    v_last    uuid;
    v_billed  integer := 0;
    v_skipped integer := 0;
    v_start   timestamptz;
    v_end     timestamptz;
    v_failed  integer := 0;
    v_busy    uuid[] := '{}'::uuid[];
    v_cand    uuid[];
    v_todo    uuid[];
    v_buckets integer[];
    v_free    uuid[];
    v_stored  uuid[] := '{}'::uuid[];
    v_due     uuid[];
    v_rest    uuid[];
    v_elsewhere integer;
    v_timeout text := current_setting('lock_timeout');
    v_sort    text := current_setting('enable_sort');
    v_fallback text;
BEGIN
    PERFORM monay_private.require_platform(format('billing_run_batch(%s)', p_run_id));
    SELECT * INTO v_run FROM monay.billing_runs r WHERE r.id = p_run_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'billing run % does not exist', coalesce(p_run_id::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    -- The setting, capped by the lock table (monay_private.billing_run_batch_limit).
    v_limit := monay_private.billing_run_batch_limit(
        (monay.get_setting('BILLING_RUN_BATCH_SIZE') #>> '{}')::integer, v_run.parts,
        current_setting('max_locks_per_transaction')::bigint
            * (current_setting('max_connections')::bigint + current_setting('max_prepared_transactions')::bigint));
    v_start := v_run.period::timestamp AT TIME ZONE 'UTC';
    v_end := (v_run.period + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    -- The next tenants in id order (an ordered walk of tenants_billing_walk_idx,
    -- index-only where the visibility map allows: migration 025) and those of
    -- them not billed yet: EXECUTE, planned now with the sizes of now (the
    -- month's bills grow while the run goes). An ordered index walk it
    -- must be: under RLS the policy's bounds are unknown at plan time, the
    -- planner guesses a few hundred rows for the whole table and chose a
    -- sequential scan and a sort of every tenant per batch (O(tenants) per
    -- batch, measured 20 ms at 20,000 tenants; a second per batch at 1M).
    -- Sorting is off for this one statement, so only the ordered index scan
    -- remains (set back right after).
    PERFORM set_config('enable_sort', 'off', true);
    -- The not-billed-yet probe only when some of the run's tenants had a bill
    -- when it started (a resumed run): else the INSERT's ON CONFLICT passes over
    -- what another writer bills meanwhile (migration 024; ~2 us a tenant).
    EXECUTE $q$
        WITH cand AS (
            SELECT t.id FROM monay.tenants t
            WHERE t.id > $1 AND ($6::integer IS NULL OR monay_private.billing_period_bucket(t.id) % $7 = $6 - 1)
              AND t.created_at < $2 AND NOT (t.status = 'closed' AND t.status_changed_at < $3)
            ORDER BY t.id
            LIMIT $4), todo AS (
            SELECT c.id, monay_private.billing_period_bucket(c.id) AS bucket FROM cand c
            WHERE NOT $8 OR NOT EXISTS (SELECT 1 FROM monay.billing_metrics m
                                        WHERE m.tenant_id = c.id AND m.period = $5))
        SELECT (SELECT array_agg(c.id ORDER BY c.id) FROM cand c),
               coalesce(array_agg(d.id ORDER BY d.id), '{}'), coalesce(array_agg(d.bucket ORDER BY d.id), '{}')
        FROM todo d $q$
    INTO v_cand, v_todo, v_buckets
    USING coalesce(p_after, '00000000-0000-0000-0000-000000000000'::uuid), v_end, v_start, v_limit, v_run.period,
          -- a part of the month's run (monay.billing_run_part) bills its own buckets only
          v_run.part, v_run.parts, v_run.tenants_billed_before IS DISTINCT FROM 0;
    PERFORM set_config('enable_sort', v_sort, true);
    v_last := v_cand[cardinality(v_cand)];
    -- The period locks of the batch's buckets, tried in key order (each
    -- bucket's key computed once, not once a tenant); the tenants of a bucket
    -- whose lock is held are busy.
    WITH k AS MATERIALIZED (
        SELECT b.bucket, monay_private.billing_period_bucket_key(b.bucket, v_run.period) AS key
        FROM (SELECT DISTINCT x.bucket FROM unnest(v_buckets) AS x(bucket)) b
    ), held AS MATERIALIZED (
        SELECT d.bucket FROM (SELECT k.bucket, k.key FROM k ORDER BY k.key) d
        WHERE NOT pg_try_advisory_xact_lock(c_lock_kind, d.key)
    )
    SELECT coalesce(array_agg(x.id ORDER BY x.id) FILTER (WHERE x.bucket IN (SELECT h.bucket FROM held h)), '{}'),
           coalesce(array_agg(x.id ORDER BY x.id) FILTER (WHERE x.bucket NOT IN (SELECT h.bucket FROM held h)), '{}')
    INTO v_busy, v_free
    FROM unnest(v_todo, v_buckets) AS x(id, bucket);
    BEGIN
        -- The INSERT waits as the caller's lock_timeout allows: parts running
        -- at once queue briefly for the table's extension lock, and a 1 ms
        -- bound here sent whole batches to the per-tenant path (measured:
        -- 10,000 of 200,000 tenants, a run 4x slower, one run in three).
        -- (unordered: v_stored is compared as a set, v_due locked in id order below)
        SELECT coalesce(array_agg(s.tenant_id), '{}'),
               coalesce(array_agg(s.tenant_id) FILTER (WHERE s.total_before_discount_cents > 0), '{}')
        INTO v_stored, v_due
        FROM monay_private.billing_store_bills(v_free, v_run.period, p_run_id) s;
        -- The waterfall locks first (not waited for: one held means a payment
        -- in flight, and the batch goes tenant by tenant), then a new statement
        -- looks for payments.
        PERFORM set_config('lock_timeout', '1ms', true);
        PERFORM pg_advisory_xact_lock(c_waterfall, hashtext(x.id::text || ':all'))
        FROM unnest(v_due) AS x(id) ORDER BY x.id;
        FOR v_tenant IN EXECUTE 'SELECT DISTINCT p.tenant_id FROM monay.payments p
                                 WHERE p.tenant_id = ANY ($1) ORDER BY 1' USING v_due
        LOOP
            PERFORM monay_private.billing_waterfall(v_tenant);
        END LOOP;
        PERFORM set_config('lock_timeout', v_timeout, true);
        v_billed := cardinality(v_stored);
        -- What the statement passed over: usually nothing (every free tenant
        -- stored), else a hashed difference (`<> ALL` was O(batch²)).
        IF cardinality(v_stored) = cardinality(v_free) THEN
            v_rest := '{}';
        ELSE
            SELECT coalesce(array_agg(d.id ORDER BY d.id), '{}') INTO v_rest
            FROM (SELECT unnest(v_free) EXCEPT SELECT unnest(v_stored)) AS d(id);
        END IF;
    EXCEPTION WHEN OTHERS THEN
        -- Undone with the subtransaction: the bills, the waterfall, lock_timeout.
        v_fallback := SQLSTATE;
        v_stored := '{}';
        v_billed := 0;
        v_rest := v_free;
    END;
    -- What another writer billed meanwhile (the INSERT passed it over, or it
    -- made the statement fail) is skipped here in one lookup: the batch holds
    -- these tenants' period locks, so no bill of theirs can appear now.
    -- (EXECUTE: planned with the bills' size of now.)
    IF cardinality(v_rest) > 0 THEN
        EXECUTE 'SELECT coalesce(array_agg(x.id ORDER BY x.id) FILTER (WHERE m.tenant_id IS NULL), ''{}''),
                        count(m.tenant_id)
                 FROM unnest($1) AS x(id)
                 LEFT JOIN monay.billing_metrics m ON m.tenant_id = x.id AND m.period = $2'
        INTO v_rest, v_elsewhere
        USING v_rest, v_run.period;
        v_skipped := v_skipped + v_elsewhere;
    END IF;
    -- Tenant by tenant, isolated: what the batch's statement passed over or
    -- could not do.
    FOREACH v_tenant IN ARRAY v_rest LOOP
        CASE monay_private.billing_run_tenant(p_run_id, v_tenant, v_run.period, '1ms', false)
            WHEN 'billed' THEN v_billed := v_billed + 1;
            WHEN 'skipped' THEN v_skipped := v_skipped + 1;
            WHEN 'busy' THEN v_busy := v_busy || v_tenant;
            ELSE v_failed := v_failed + 1;
        END CASE;
    END LOOP;
    UPDATE monay.billing_runs r
    SET tenants_billed = r.tenants_billed + v_billed, tenants_skipped = r.tenants_skipped + v_skipped,
        tenants_failed = r.tenants_failed + v_failed, batches = r.batches + 1
    WHERE r.id = p_run_id;
    RETURN jsonb_build_object('run_id', p_run_id, 'period', v_run.period, 'billed', v_billed,
                              'skipped', v_skipped, 'failed', v_failed, 'busy', to_jsonb(v_busy),
                              'last_tenant_id', v_last, 'fallback', v_fallback);
END;
$$;

COMMENT ON FUNCTION monay.billing_run_batch(bigint, uuid) IS
    'Platform only: bills the next batch of not-yet-billed tenants of a run (each exactly once).';
REVOKE ALL ON FUNCTION monay.billing_run_batch(bigint, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.billing_run_batch(bigint, uuid) TO monay_platform;
