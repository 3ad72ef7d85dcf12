-- sql/functions/legacy/legacy_verify.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_verify(
    p_baseline jsonb
)
    RETURNS TABLE (check_name text, expected text, actual text, ok boolean)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* `monaydb legacy verify`: the snapshot now (monay_private.legacy_verify_snapshot
   at the baseline's cutoff) against the baseline {cutoff, checks} taken before
   the retrofit. rows/checksum/money must equal the baseline (a check missing on
   one side counts as 0); fk, tenant, mirror and sync must be 0; new is shown
   only. With p_baseline NULL the baseline checks are not judged (ok). */
    WITH now_ AS (
        SELECT s.check_name, s.value
        FROM monay_private.legacy_verify_snapshot(coalesce((p_baseline ->> 'cutoff')::timestamptz, now())) s),
    base AS (
        SELECT b.key AS check_name, b.value #>> '{}' AS value
        FROM jsonb_each(coalesce(p_baseline -> 'checks', '{}')) b
        WHERE split_part(b.key, ':', 1) IN ('rows', 'checksum', 'money'))
    SELECT coalesce(n.check_name, b.check_name),
           CASE WHEN split_part(coalesce(n.check_name, b.check_name), ':', 1) IN ('rows', 'checksum', 'money')
                THEN CASE WHEN p_baseline IS NULL THEN NULL ELSE coalesce(b.value, '0') END
                WHEN split_part(n.check_name, ':', 1) = 'new' THEN NULL
                ELSE '0' END,
           coalesce(n.value, '0'),
           CASE WHEN split_part(coalesce(n.check_name, b.check_name), ':', 1) IN ('rows', 'checksum', 'money')
                THEN p_baseline IS NULL OR coalesce(b.value, '0') = coalesce(n.value, '0')
                WHEN split_part(n.check_name, ':', 1) = 'new' THEN true
                ELSE n.value = '0' END
    FROM now_ n FULL JOIN base b ON b.check_name = n.check_name
    ORDER BY 1
$$;

COMMENT ON FUNCTION monay_private.legacy_verify(jsonb) IS
    'Compares the platform tables now with a baseline snapshot: counts, checksums, money, FK and tenant checks.';
REVOKE ALL ON FUNCTION monay_private.legacy_verify(jsonb) FROM PUBLIC;
