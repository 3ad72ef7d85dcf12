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
   (TENANT_ISOLATION_ENABLED cannot be turned off). Audited by trigger. */
DECLARE
    v_row monay.settings;
BEGIN
    IF NOT coalesce(monay.is_platform_context(), false) THEN
        RAISE EXCEPTION 'set_setting(%) needs the platform context', p_key USING ERRCODE = '42501';
    END IF;
    BEGIN
        UPDATE monay.settings s SET value = p_value, updated_at = now()
        WHERE s.key = p_key
        RETURNING s.* INTO v_row;
    EXCEPTION WHEN check_violation OR not_null_violation OR invalid_datetime_format
                   OR invalid_text_representation THEN
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
