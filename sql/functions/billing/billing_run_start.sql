-- sql/functions/billing/billing_run_start.sql
CREATE OR REPLACE FUNCTION monay.billing_run_start(
    p_period   date
    , p_part   integer DEFAULT NULL
    , p_parts  integer DEFAULT NULL
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Platform only; the first step of monay.process_monthly_billing: checks the
   period (the month holding p_period, which must be over in UTC), records a
   row in monay.billing_runs and counts the tenants to bill: every tenant
   created before the month's end, except those closed before it began;
   with p_part / p_parts (k of n, a part of the month's run:
   monay.billing_run_part), only the tenants whose period-lock bucket
   (monay_private.billing_period_bucket: 256 buckets) modulo n is k - 1,
   recorded in the run's row for monay.billing_run_batch. By bucket, not by
   id range: two parts then never want the same period lock. Records too
   how many of them were billed already (tenants_billed_before: when 0, the
   batches need not look for bills of their tenants).
   Returns {run_id, period, tenants_total, already_billed[, part, parts]}.
   Raises 42501 (not the platform context), 22023 (NULL or out of range),
   MT407 (the month is not over yet), 22023 (a part out of range: n from 1
   to 64, k from 1 to n, both or neither). */
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
    IF (p_part IS NULL) <> (p_parts IS NULL) OR p_parts NOT BETWEEN 1 AND 64 OR p_part NOT BETWEEN 1 AND p_parts THEN
        RAISE EXCEPTION 'billing run for %: part % of % is out of range (parts from 1 to 64, part from 1 to parts)',
            to_char(v_period, 'YYYY-MM'), coalesce(p_part::text, 'NULL'), coalesce(p_parts::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    EXECUTE $q$
        SELECT count(*), count(m.tenant_id)
        FROM monay.tenants t
        LEFT JOIN monay.billing_metrics m ON m.tenant_id = t.id AND m.period = $1
        WHERE t.created_at < $2 AND NOT (t.status = 'closed' AND t.status_changed_at < $3)
          AND ($4::integer IS NULL OR monay_private.billing_period_bucket(t.id) % $5 = $4 - 1) $q$
    INTO v_total, v_done
    USING v_period, v_end, v_start, p_part, p_parts;
    -- tenants_billed_before = 0: the run's batches skip their not-billed-yet probe (migration 024).
    INSERT INTO monay.billing_runs (period, tenants_total, part, parts, tenants_billed_before)
    VALUES (v_period, v_total, p_part, p_parts, v_done) RETURNING id INTO v_run;
    RETURN jsonb_build_object('run_id', v_run, 'period', v_period, 'tenants_total', v_total,
                              'already_billed', v_done)
           || jsonb_strip_nulls(jsonb_build_object('part', p_part, 'parts', p_parts));
END;
$$;

COMMENT ON FUNCTION monay.billing_run_start(date, integer, integer) IS
    'Platform only: first step of the monthly run (checks the period, records the run, counts tenants).';
REVOKE ALL ON FUNCTION monay.billing_run_start(date, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.billing_run_start(date, integer, integer) TO monay_platform;
