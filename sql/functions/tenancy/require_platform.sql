-- sql/functions/tenancy/require_platform.sql
CREATE OR REPLACE FUNCTION monay_private.require_platform(
    p_operation text
)
    RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Raises 42501 unless this transaction holds the verified platform context
   (monay.set_platform_context, monay_platform only). The message names the
   operation and who asked: the database role and the context's user/tenant. */
DECLARE
    v_ctx record;
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF NOT coalesce(v_ctx.platform, false) THEN
        RAISE EXCEPTION '% is a platform operation: role % (user %, tenant %) is not in the platform context',
            p_operation, coalesce(nullif(current_setting('role'), 'none'), session_user),
            coalesce(v_ctx.user_id::text, 'none'),
            coalesce(v_ctx.tenant_id::text, 'none')
            USING ERRCODE = '42501',
                  HINT = 'Run it as monay_platform after SELECT monay.set_platform_context().';
    END IF;
END;
$$;

COMMENT ON FUNCTION monay_private.require_platform(text) IS
    'Raises 42501 naming the operation and the caller unless in the platform context.';
REVOKE ALL ON FUNCTION monay_private.require_platform(text) FROM PUBLIC;
