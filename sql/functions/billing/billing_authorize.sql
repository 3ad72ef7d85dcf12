-- sql/functions/billing/billing_authorize.sql
CREATE OR REPLACE FUNCTION monay_private.billing_authorize(
    p_tenant_id   uuid
    , p_operation text
)
    RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The gate of every billing function that takes p_tenant_id: the caller's
   verified context must be that tenant (an authenticated user or a platform
   job inside it) or the platform. Raises:
     22023 p_tenant_id NULL
     42501 no verified context, a forged one, or another tenant's (the
           message names the context's tenant and the tenant asked for) */
DECLARE
    v_ctx record;
BEGIN
    IF p_tenant_id IS NULL THEN
        RAISE EXCEPTION '%: p_tenant_id must not be NULL', p_operation USING ERRCODE = '22023';
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF v_ctx.platform OR v_ctx.tenant_id = p_tenant_id THEN
        RETURN;
    END IF;
    RAISE EXCEPTION '%: the context of tenant % may not act on tenant %', p_operation,
        coalesce(v_ctx.tenant_id::text, 'none (no verified context)'), p_tenant_id
        USING ERRCODE = '42501',
              HINT = 'Authenticate into that tenant (monay.authenticate, monay.switch_tenant) '
                     'or run as monay_platform after monay.set_platform_context().';
END;
$$;

COMMENT ON FUNCTION monay_private.billing_authorize(uuid, text) IS
    'Raises 42501 unless the verified context is p_tenant_id or the platform (22023 for NULL).';
REVOKE ALL ON FUNCTION monay_private.billing_authorize(uuid, text) FROM PUBLIC;
