-- sql/functions/billing/billing_run_finish.sql
CREATE OR REPLACE FUNCTION monay.billing_run_finish(
    p_run_id bigint
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Platform only; the last step of monay.process_monthly_billing: marks the
   run finished and returns its counts {run_id, period, tenants_total,
   tenants_billed, tenants_skipped, tenants_failed, batches, billed_in_period,
   remaining, seconds, failures}; billed_in_period counts every bill of the
   month (by this run or any other), remaining the eligible tenants still
   unbilled, failures the first 100 rows of monay_private.billing_failures
   of this run ({tenant_id, sqlstate, message}).
   Raises 42501, 22023 (unknown run). */
DECLARE
    v_run     monay.billing_runs;
    v_billed  bigint;
BEGIN
    PERFORM monay_private.require_platform(format('billing_run_finish(%s)', p_run_id));
    UPDATE monay.billing_runs r SET finished_at = clock_timestamp() WHERE r.id = p_run_id RETURNING * INTO v_run;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'billing run % does not exist', coalesce(p_run_id::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    SELECT count(*) INTO v_billed FROM monay.billing_metrics m WHERE m.period = v_run.period;
    RETURN jsonb_build_object('run_id', v_run.id, 'period', v_run.period, 'tenants_total', v_run.tenants_total,
        'tenants_billed', v_run.tenants_billed, 'tenants_skipped', v_run.tenants_skipped,
        'tenants_failed', v_run.tenants_failed,
        'failures', (SELECT coalesce(jsonb_agg(jsonb_build_object('tenant_id', f.tenant_id, 'sqlstate', f.sqlstate,
                                                                  'message', f.message) ORDER BY f.id), '[]'::jsonb)
                     FROM (SELECT * FROM monay_private.billing_failures f
                           WHERE f.run_id = v_run.id ORDER BY f.id LIMIT 100) f),
        'batches', v_run.batches, 'billed_in_period', v_billed,
        'remaining', greatest(v_run.tenants_total - v_billed, 0),
        'seconds', round(extract(epoch FROM v_run.finished_at - v_run.started_at), 3));
END;
$$;

COMMENT ON FUNCTION monay.billing_run_finish(bigint) IS
    'Platform only: closes a monthly run and returns its counts.';
REVOKE ALL ON FUNCTION monay.billing_run_finish(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.billing_run_finish(bigint) TO monay_platform;
