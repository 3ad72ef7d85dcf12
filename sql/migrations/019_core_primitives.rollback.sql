-- Undo 019_core_primitives: the three helpers it dropped come back with the bodies they had
-- before 019 (monay_private.billing_authorize, platform_require_tenant, billing_refuse_status;
-- owner-only, as they were), in a database where the function files were applied (the core
-- primitives exist), as in every database `monaydb migrate` made; a bare schema had none.
-- The core primitives stay: the function files declare them.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '1min';
SET LOCAL ROLE monay_owner;

DO $rollback$
BEGIN
    IF to_regprocedure('monay_private.require_tenant_access(uuid, text)') IS NULL THEN
        RETURN;
    END IF;
    EXECUTE $fn$
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
    $fn$;
    COMMENT ON FUNCTION monay_private.billing_authorize(uuid, text) IS
        'Raises 42501 unless the verified context is p_tenant_id or the platform (22023 for NULL).';
    REVOKE ALL ON FUNCTION monay_private.billing_authorize(uuid, text) FROM PUBLIC;
    EXECUTE $fn$
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
    $fn$;
    COMMENT ON FUNCTION monay_private.platform_require_tenant(text) IS
        'Tenant (and user) of the verified context; 42501 without a tenant context.';
    REVOKE ALL ON FUNCTION monay_private.platform_require_tenant(text) FROM PUBLIC;
    EXECUTE $fn$
CREATE OR REPLACE FUNCTION monay_private.billing_refuse_status(
    p_tenant_id uuid
    , p_status  text
)
    RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Raises MT301 (no such tenant, p_status NULL) or MT404 (suspended/closed). */
BEGIN
    IF p_status IS NULL THEN
        RAISE EXCEPTION 'tenant % does not exist', p_tenant_id USING ERRCODE = 'MT301';
    END IF;
    RAISE EXCEPTION 'tenant % is %: usage is refused', p_tenant_id, p_status
        USING ERRCODE = 'MT404',
              HINT = 'A suspended tenant is reactivated by the platform (monay.reactivate_tenant).';
END;
$$;
    $fn$;
    COMMENT ON FUNCTION monay_private.billing_refuse_status(uuid, text) IS
        'Raises MT301 (unknown tenant) or MT404 (tenant not active).';
    REVOKE ALL ON FUNCTION monay_private.billing_refuse_status(uuid, text) FROM PUBLIC;
END
$rollback$;

RESET ROLE;
