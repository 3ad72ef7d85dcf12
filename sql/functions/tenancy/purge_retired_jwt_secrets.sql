-- sql/functions/tenancy/purge_retired_jwt_secrets.sql
CREATE OR REPLACE FUNCTION monay.purge_retired_jwt_secrets()
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Platform job (daily, `monaydb jobs run daily`): deletes the JWT secrets
   whose overlap window has ended (retired_at in the past: no token signed
   with them is accepted any more), so that no retired secret stays in the
   database or its dumps. Returns how many. Raises 42501 (not the platform
   context). */
DECLARE
    v_count bigint;
BEGIN
    PERFORM monay_private.require_platform('purge_retired_jwt_secrets');
    DELETE FROM monay_private.jwt_secrets s WHERE s.retired_at <= now();
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END;
$$;

COMMENT ON FUNCTION monay.purge_retired_jwt_secrets() IS
    'Platform job: deletes JWT secrets whose overlap window has ended.';
REVOKE ALL ON FUNCTION monay.purge_retired_jwt_secrets() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.purge_retired_jwt_secrets() TO monay_platform;
