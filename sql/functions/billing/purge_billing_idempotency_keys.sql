-- sql/functions/billing/purge_billing_idempotency_keys.sql
CREATE OR REPLACE FUNCTION monay.purge_billing_idempotency_keys(
    p_limit integer DEFAULT 100000
)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Platform job: deletes up to p_limit billing idempotency keys older than
   BILLING_IDEMPOTENCY_RETENTION (setting, default 90 days) and returns how
   many. After that a retry with an old key is a new request: clients must
   not retry for longer than the retention. Run it daily (repeat while it
   returns p_limit). Raises 42501 (not platform), 22023 (p_limit < 1),
   MT102 (the setting is not a positive interval). */
DECLARE
    v_keep  interval;
    v_count bigint;
BEGIN
    PERFORM monay_private.require_platform('purge_billing_idempotency_keys');
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'purge_billing_idempotency_keys: p_limit must be at least 1, got %',
            coalesce(p_limit::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    v_keep := (monay.get_setting('BILLING_IDEMPOTENCY_RETENTION') #>> '{}')::interval;
    IF v_keep IS NULL OR v_keep <= interval '0' THEN
        RAISE EXCEPTION 'setting BILLING_IDEMPOTENCY_RETENTION (%) is not a positive interval', v_keep
            USING ERRCODE = 'MT102';
    END IF;
    DELETE FROM monay_private.billing_idempotency_keys k
    WHERE k.ctid = ANY (ARRAY(SELECT k2.ctid FROM monay_private.billing_idempotency_keys k2
                              WHERE k2.created_at < now() - v_keep LIMIT p_limit));
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END;
$$;

COMMENT ON FUNCTION monay.purge_billing_idempotency_keys(integer) IS
    'Platform job: deletes billing idempotency keys older than BILLING_IDEMPOTENCY_RETENTION.';
REVOKE ALL ON FUNCTION monay.purge_billing_idempotency_keys(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.purge_billing_idempotency_keys(integer) TO monay_platform;
