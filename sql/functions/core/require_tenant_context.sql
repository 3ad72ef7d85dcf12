-- sql/functions/core/require_tenant_context.sql
CREATE OR REPLACE FUNCTION monay_private.require_tenant_context(
    p_operation text
    , OUT tenant_id uuid
    , OUT user_id uuid
)
    LANGUAGE plpgsql STABLE
AS $$
/* The tenant gate of functions that take no tenant argument (the platform
   tables: create_wallet, transfer, list_wallets, list_transactions): returns
   the verified context's tenant (an authenticated member, or a platform job
   inside one tenant with monay.set_tenant_context) and its user (NULL for a
   job). Functions that take p_tenant_id use
   monay_private.require_tenant_access instead.
   Raises 42501 without a tenant context: none, a forged one, or the platform
   context alone (such rows always belong to one tenant); the message says
   which. Owner-only, SECURITY INVOKER: it runs inside the (owner-run)
   functions that call it. */
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

COMMENT ON FUNCTION monay_private.require_tenant_context(text) IS
    'Tenant (and user) of the verified context; 42501 without a tenant context.';
REVOKE ALL ON FUNCTION monay_private.require_tenant_context(text) FROM PUBLIC;
