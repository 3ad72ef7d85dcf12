-- sql/functions/settings/get_setting.sql
CREATE OR REPLACE FUNCTION monay.get_setting(
    p_key text
)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The typed value of one seed setting, as jsonb (a number, string or boolean):
   (monay.get_setting('MAX_TENANTS_PER_USER'))::int, monay.get_setting('X') #>> '{}'.
   Raises MT101 for an unknown key. */
DECLARE
    v_value jsonb;
BEGIN
    SELECT s.value INTO v_value FROM monay.settings s WHERE s.key = p_key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown setting %', coalesce(quote_literal(p_key), 'NULL')
            USING ERRCODE = 'MT101',
                  HINT = 'SELECT key FROM monay.settings lists the known settings.';
    END IF;
    RETURN v_value;
END;
$$;

COMMENT ON FUNCTION monay.get_setting(text) IS
    'Typed value (jsonb) of one setting of monay.settings; MT101 when unknown.';
REVOKE ALL ON FUNCTION monay.get_setting(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.get_setting(text) TO monay_app, monay_platform, monay_readonly;
