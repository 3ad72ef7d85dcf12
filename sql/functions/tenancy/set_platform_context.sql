-- sql/functions/tenancy/set_platform_context.sql
CREATE OR REPLACE FUNCTION monay.set_platform_context()
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* For monay_platform jobs only (EXECUTE is granted to no other role): this
   transaction sees and may change every tenant's rows. */
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
END;
$$;

COMMENT ON FUNCTION monay.set_platform_context() IS
    'Platform jobs only: this transaction sees every tenant.';
REVOKE ALL ON FUNCTION monay.set_platform_context() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.set_platform_context() TO monay_platform;
