-- sql/functions/billing/billing_period_start.sql
CREATE OR REPLACE FUNCTION monay_private.billing_period_start(
    p_period      date
    , p_operation text
)
    RETURNS date
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Normalises a period argument: any day of a month names that month; returns
   its first day. Raises 22023 for NULL or a date outside 2000-01-01 ..
   9999-11-30 (prices start in 2000). */
BEGIN
    PERFORM monay_private.require_not_null(p_period, 'p_period', p_operation);
    IF p_period < date '2000-01-01' OR p_period > date '9999-11-30' THEN
        RAISE EXCEPTION '%: period % is out of range (2000-01 to 9999-11)', p_operation, p_period
            USING ERRCODE = '22023';
    END IF;
    RETURN date_trunc('month', p_period)::date;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_period_start(date, text) IS
    'First day of the month holding p_period (22023 for NULL or out of range).';
REVOKE ALL ON FUNCTION monay_private.billing_period_start(date, text) FROM PUBLIC;
