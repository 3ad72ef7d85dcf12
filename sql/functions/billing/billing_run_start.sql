-- sql/functions/billing/billing_run_start.sql
CREATE OR REPLACE FUNCTION monay.billing_run_start(
    p_period   date
    , p_low    uuid DEFAULT NULL
    , p_high   uuid DEFAULT NULL
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Platform only; the first step of monay.process_monthly_billing: checks the
   period (the month holding p_period, which must be over in UTC), records a
   row in monay.billing_runs and counts the tenants to bill: every tenant
   created before the month's end, except those closed before it began;
   with p_low / p_high, only the tenants whose id is in [p_low, p_high] (a
   part of the month's run: monay.billing_run_part; NULL: no bound), recorded
   in the run's row for monay.billing_run_batch.
   Returns {run_id, period, tenants_total, already_billed[, tenant_low][, tenant_high]}.
   Raises 42501 (not the platform context), 22023 (NULL or out of range),
   MT407 (the month is not over yet), 22023 (p_low above p_high). */
DECLARE
    v_period date;
    v_end    timestamptz;
    v_start  timestamptz;
    v_run    bigint;
    v_total  bigint;
    v_done   bigint;
BEGIN
    PERFORM monay_private.require_platform(format('billing_run_start(%s)', p_period));
    v_period := monay_private.billing_period_start(p_period, 'process_monthly_billing');
    v_start := v_period::timestamp AT TIME ZONE 'UTC';
    v_end := (v_period + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    IF v_end > now() THEN
        RAISE EXCEPTION 'period % is not over until % UTC: it cannot be billed yet',
            to_char(v_period, 'YYYY-MM'), (v_period + interval '1 month')::date USING ERRCODE = 'MT407';
    END IF;
    -- EXECUTE: planned now, with the sizes of now (a plan kept from a first
    -- call on empty tables would probe the bills once per tenant by a scan).
    IF p_low > p_high THEN
        RAISE EXCEPTION 'billing run for %: tenant range [%, %] is empty', to_char(v_period, 'YYYY-MM'), p_low, p_high
            USING ERRCODE = '22023';
    END IF;
    EXECUTE $q$
        SELECT count(*), count(m.tenant_id)
        FROM monay.tenants t
        LEFT JOIN monay.billing_metrics m ON m.tenant_id = t.id AND m.period = $1
        WHERE t.created_at < $2 AND NOT (t.status = 'closed' AND t.status_changed_at < $3)
          AND t.id >= $4 AND t.id <= $5 $q$
    INTO v_total, v_done
    USING v_period, v_end, v_start, coalesce(p_low, '00000000-0000-0000-0000-000000000000'::uuid),
          coalesce(p_high, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid);
    INSERT INTO monay.billing_runs (period, tenants_total, tenant_low, tenant_high)
    VALUES (v_period, v_total, p_low, p_high) RETURNING id INTO v_run;
    RETURN jsonb_build_object('run_id', v_run, 'period', v_period, 'tenants_total', v_total,
                              'already_billed', v_done)
           || jsonb_strip_nulls(jsonb_build_object('tenant_low', p_low, 'tenant_high', p_high));
END;
$$;

COMMENT ON FUNCTION monay.billing_run_start(date, uuid, uuid) IS
    'Platform only: first step of the monthly run (checks the period, records the run, counts tenants).';
REVOKE ALL ON FUNCTION monay.billing_run_start(date, uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.billing_run_start(date, uuid, uuid) TO monay_platform;
