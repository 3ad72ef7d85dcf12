-- sql/functions/platform/platform_require_tenant.sql
CREATE OR REPLACE FUNCTION monay_private.platform_require_tenant(
    p_operation text
    , OUT tenant_id uuid
    , OUT user_id uuid
)
    LANGUAGE plpgsql STABLE
AS $$
/* The gate of the platform-table functions: the verified context's tenant
   (an authenticated member, or a platform job inside one tenant with
   monay.set_tenant_context) and its user (NULL for a job). Owner-only helper,
   SECURITY INVOKER: it runs inside the (owner-run) functions that call it.
   Raises 42501 without a tenant context: none, a forged one, or the platform
   context alone (platform-table rows always belong to one tenant). */
DECLARE
    v_ctx record;
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    IF v_ctx.tenant_id IS NULL THEN
        RAISE EXCEPTION '%: needs a tenant context (monay.authenticate, or monay.set_tenant_context for a platform job); %',
            p_operation, CASE WHEN v_ctx.platform THEN 'the platform context names no tenant'
                              ELSE 'there is no verified context' END
            USING ERRCODE = '42501';
    END IF;
    tenant_id := v_ctx.tenant_id;
    user_id := v_ctx.user_id;
END;
$$;

COMMENT ON FUNCTION monay_private.platform_require_tenant(text) IS
    'Tenant (and user) of the verified context; 42501 without a tenant context.';
REVOKE ALL ON FUNCTION monay_private.platform_require_tenant(text) FROM PUBLIC;
