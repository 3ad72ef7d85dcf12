-- sql/functions/billing/billing_run_retry.sql
CREATE OR REPLACE FUNCTION monay.billing_run_retry(
    p_run_id     bigint
    , p_tenants  uuid[]
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Platform only; the retry pass of monay.process_monthly_billing for the
   tenants its batches found busy (their period lock held by usage in
   flight). Each is billed in a subtransaction (monay_private.billing_run_tenant)
   that waits at most
   BILLING_RUN_LOCK_TIMEOUT (setting, 2 seconds) for the lock. Once a lock
   key has timed out, the other tenants of the same key (bucket of tenants,
   see monay_private.billing_period_lock_key) are not waited for again in
   this call. A tenant still busy, or failing for any other reason, is
   recorded durably in monay_private.billing_failures (source monthly_run;
   55P03 for a lock still held) and counted in the run's tenants_failed: a
   later rerun bills it. Returns {run_id, period, billed, skipped, failed}.
   Raises 42501, 22023 (unknown run). */
DECLARE
    v_run     monay.billing_runs;
    v_tenant  uuid;
    v_wait    text;
    v_billed  integer := 0;
    v_skipped integer := 0;
    v_failed  integer := 0;
    v_held    integer[] := '{}'::integer[];
    v_key     integer;
BEGIN
    PERFORM monay_private.require_platform(format('billing_run_retry(%s)', p_run_id));
    SELECT * INTO v_run FROM monay.billing_runs r WHERE r.id = p_run_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'billing run % does not exist', coalesce(p_run_id::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    v_wait := (extract(epoch FROM (monay.get_setting('BILLING_RUN_LOCK_TIMEOUT') #>> '{}')::interval) * 1000)::bigint
              || 'ms';
    FOREACH v_tenant IN ARRAY coalesce(p_tenants, '{}') LOOP
        v_key := monay_private.billing_period_lock_key(v_tenant, v_run.period);
        CASE monay_private.billing_run_tenant(p_run_id, v_tenant, v_run.period,
                                              CASE WHEN v_key = ANY (v_held) THEN '1ms' ELSE v_wait END, true)
            WHEN 'billed' THEN v_billed := v_billed + 1;
            WHEN 'skipped' THEN v_skipped := v_skipped + 1;
            WHEN 'busy' THEN
                v_held := v_held || v_key;
                v_failed := v_failed + 1;
            ELSE v_failed := v_failed + 1;
        END CASE;
    END LOOP;
    UPDATE monay.billing_runs r
    SET tenants_billed = r.tenants_billed + v_billed, tenants_skipped = r.tenants_skipped + v_skipped,
        tenants_failed = r.tenants_failed + v_failed
    WHERE r.id = p_run_id;
    RETURN jsonb_build_object('run_id', p_run_id, 'period', v_run.period, 'billed', v_billed,
                              'skipped', v_skipped, 'failed', v_failed);
END;
$$;

COMMENT ON FUNCTION monay.billing_run_retry(bigint, uuid[]) IS
    'Platform only: bills the tenants a run found busy, waiting at most BILLING_RUN_LOCK_TIMEOUT; records failures.';
REVOKE ALL ON FUNCTION monay.billing_run_retry(bigint, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.billing_run_retry(bigint, uuid[]) TO monay_platform;
