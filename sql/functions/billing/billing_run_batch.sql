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
   BILLING_RUN_BATCH_SIZE (setting) tenants of the run's month, in tenant id
   order after p_after, among those not billed yet (so a rerun after a crash
   starts with the rest), each exactly once (monay_private.billing_finalize_tenant:
   a tenant another run is billing is waited for and then skipped). Adds the
   counts to the run's row. The caller commits after each batch.
   Isolation: each tenant is billed in a subtransaction
   (monay_private.billing_run_tenant). A tenant whose
   period lock is held (usage in flight, an application's open transaction)
   is not waited for: lock_timeout is 1 ms here, and the tenant is returned
   in `busy` for monay.billing_run_retry. A tenant that fails otherwise
   (e.g. MT416, a bill beyond what billing can hold) is rolled back alone,
   recorded durably in monay_private.billing_failures (source monthly_run,
   with run, period, SQLSTATE and message), counted in the run's
   tenants_failed, and the batch goes on.
   Returns {run_id, period, billed, skipped, failed, busy: [tenant_id],
   last_tenant_id} (last_tenant_id NULL when nothing was left).
   Raises 42501, 22023 (unknown run). */
DECLARE
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
BEGIN
    PERFORM monay_private.require_platform(format('billing_run_batch(%s)', p_run_id));
    SELECT * INTO v_run FROM monay.billing_runs r WHERE r.id = p_run_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'billing run % does not exist', coalesce(p_run_id::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    v_limit := greatest(1, (monay.get_setting('BILLING_RUN_BATCH_SIZE') #>> '{}')::integer);
    v_start := v_run.period::timestamp AT TIME ZONE 'UTC';
    v_end := (v_run.period + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    -- The next tenants in id order, a plain walk of the primary key. Tenants
    -- already billed are passed over in the loop, one primary-key probe each:
    -- a NOT EXISTS here was planned from statistics that the run itself makes
    -- stale (the month's bills grow while it runs), as a nested loop over all
    -- of the month's bills per tenant, quadratic at a million tenants.
    FOR v_tenant IN
        SELECT t.id FROM monay.tenants t
        WHERE t.id > coalesce(p_after, '00000000-0000-0000-0000-000000000000'::uuid)
          AND t.created_at < v_end AND NOT (t.status = 'closed' AND t.status_changed_at < v_start)
        ORDER BY t.id
        LIMIT v_limit
    LOOP
        v_last := v_tenant;
        CONTINUE WHEN EXISTS (SELECT 1 FROM monay.billing_metrics m
                              WHERE m.tenant_id = v_tenant AND m.period = v_run.period);
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
                              'last_tenant_id', v_last);
END;
$$;

COMMENT ON FUNCTION monay.billing_run_batch(bigint, uuid) IS
    'Platform only: bills the next batch of not-yet-billed tenants of a run (each exactly once).';
REVOKE ALL ON FUNCTION monay.billing_run_batch(bigint, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.billing_run_batch(bigint, uuid) TO monay_platform;
