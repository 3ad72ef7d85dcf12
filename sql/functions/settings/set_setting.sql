-- sql/functions/settings/set_setting.sql
CREATE OR REPLACE FUNCTION monay.set_setting(
    p_key     text
    , p_value jsonb
)
    RETURNS monay.settings
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Changes one setting; platform context only (42501). MT101 unknown key,
   MT102 a value of the wrong type or one that is refused
   (TENANT_ISOLATION_ENABLED cannot be turned off; an integer setting outside
   0 .. 2147483647, which its readers could not cast; a numeric one beyond
   +-10^9). Audited by trigger. */
DECLARE
    v_row monay.settings;
BEGIN
    IF NOT coalesce(monay.is_platform_context(), false) THEN
        RAISE EXCEPTION 'set_setting(%) needs the platform context', p_key USING ERRCODE = '42501';
    END IF;
    BEGIN
        IF EXISTS (SELECT 1 FROM monay.settings s WHERE s.key = p_key
                   AND ((s.value_type = 'integer' AND jsonb_typeof(p_value) = 'number'
                         AND NOT (p_value::numeric BETWEEN 0 AND 2147483647))
                     OR (s.value_type = 'numeric' AND jsonb_typeof(p_value) = 'number'
                         AND NOT (abs(p_value::numeric) <= 1000000000)))) THEN
            RAISE EXCEPTION 'setting % refuses value %: out of range', p_key, left(p_value::text, 100)
                USING ERRCODE = 'MT102';
        END IF;
        UPDATE monay.settings s SET value = p_value, updated_at = now()
        WHERE s.key = p_key
        RETURNING s.* INTO v_row;
    -- data_exception: every class-22 error of a cast in the CHECK (an interval beyond
    -- what PostgreSQL holds, 22008/22015; a malformed one, 22007; a number, 22003/22P02).
    EXCEPTION WHEN check_violation OR not_null_violation OR data_exception THEN
        RAISE EXCEPTION 'setting % refuses value %', p_key, coalesce(p_value::text, 'NULL')
            USING ERRCODE = 'MT102', DETAIL = SQLERRM;
    END;
    IF v_row.key IS NULL THEN
        RAISE EXCEPTION 'unknown setting %', coalesce(quote_literal(p_key), 'NULL') USING ERRCODE = 'MT101';
    END IF;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.set_setting(text, jsonb) IS
    'Platform only: changes one setting (MT101 unknown, MT102 refused value).';
REVOKE ALL ON FUNCTION monay.set_setting(text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.set_setting(text, jsonb) TO monay_platform;
