-- Undo 021_context_cache: the context primitives and readers as 003 made them (SECURITY
-- DEFINER readers, the HMAC checked on every call), the cache's sequence and helpers gone.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

CREATE OR REPLACE FUNCTION monay_private.set_context(
    p_tenant_id  uuid
    , p_user_id  uuid
    , p_platform boolean
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Sets the signed, transaction-local context (SET LOCAL, which Citus
   propagates). Only functions of ours call it; no application role can. */
DECLARE
    v_tenant   text := coalesce(p_tenant_id::text, '');
    v_user     text := coalesce(p_user_id::text, '');
    v_platform text := p_platform::text;
BEGIN
    EXECUTE format('SET LOCAL monay.tenant_id = %L', v_tenant);
    EXECUTE format('SET LOCAL monay.user_id = %L', v_user);
    EXECUTE format('SET LOCAL monay.platform = %L', v_platform);
    EXECUTE format('SET LOCAL monay.context_signature = %L',
                   monay_private.context_signature(v_tenant, v_user, v_platform));
END;
$$;

CREATE OR REPLACE FUNCTION monay_private.verified_context(
    OUT tenant_id uuid
    , OUT user_id uuid
    , OUT platform boolean
)
    LANGUAGE plpgsql STABLE
AS $$
/* The context if its signature checks out, else nothing (NULL, NULL, false):
   a context forged with SET or set_config opens nothing. The signature is
   checked over the exact text of the settings, before any cast. */
DECLARE
    v_sig      text := current_setting('monay.context_signature', true);
    v_tenant   text;
    v_user     text;
    v_platform text;
BEGIN
    platform := false;
    IF v_sig IS NULL OR length(v_sig) <> 64 THEN
        RETURN;
    END IF;
    v_tenant := current_setting('monay.tenant_id', true);
    v_user := current_setting('monay.user_id', true);
    v_platform := current_setting('monay.platform', true);
    IF length(v_tenant) NOT IN (0, 36) OR length(v_user) NOT IN (0, 36)
       OR v_platform NOT IN ('true', 'false')
       OR v_sig IS DISTINCT FROM monay_private.context_signature(v_tenant, v_user, v_platform) THEN
        RETURN;
    END IF;
    tenant_id := nullif(v_tenant, '')::uuid;
    user_id := nullif(v_user, '')::uuid;
    platform := v_platform::boolean;
END;
$$;

CREATE OR REPLACE FUNCTION monay.current_tenant_id()
    RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The tenant of this transaction's verified context, or NULL. */
BEGIN
    RETURN (monay_private.verified_context()).tenant_id;
END;
$$;
COMMENT ON FUNCTION monay.current_tenant_id() IS
    'Tenant of the verified transaction context, NULL without one. Policies call it as (SELECT ...).';

CREATE OR REPLACE FUNCTION monay.current_user_id()
    RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The authenticated user of this transaction's verified context, or NULL. */
BEGIN
    RETURN (monay_private.verified_context()).user_id;
END;
$$;
COMMENT ON FUNCTION monay.current_user_id() IS
    'Authenticated user of the verified transaction context, NULL without one.';

CREATE OR REPLACE FUNCTION monay.is_platform_context()
    RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* True when monay.set_platform_context() (monay_platform only) signed this transaction. */
BEGIN
    RETURN (monay_private.verified_context()).platform;
END;
$$;
COMMENT ON FUNCTION monay.is_platform_context() IS
    'True inside a verified platform context (set by monay_platform only).';

-- Policies compare tenant_id with a range, [low, high]: one tenant's id twice
-- for a tenant context, every uuid for the platform context, NULL (no rows)
-- without a context. Unlike `tenant_id = current OR is_platform`, which the
-- planner can only run as a sequential scan, the range uses the tenant_id
-- index in both cases, from one policy that reads only the signed context.
CREATE OR REPLACE FUNCTION monay.rls_tenant_low()
    RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Lower bound of the tenant ids this transaction may see (see rls_tenant_high). */
DECLARE
    v_ctx record := monay_private.verified_context();
BEGIN
    RETURN CASE WHEN v_ctx.platform THEN '00000000-0000-0000-0000-000000000000'::uuid ELSE v_ctx.tenant_id END;
END;
$$;
COMMENT ON FUNCTION monay.rls_tenant_low() IS
    'Lower bound of visible tenant ids: the tenant, all (platform), or NULL (no context).';

CREATE OR REPLACE FUNCTION monay.rls_tenant_high()
    RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Upper bound of the tenant ids this transaction may see (see rls_tenant_low). */
DECLARE
    v_ctx record := monay_private.verified_context();
BEGIN
    RETURN CASE WHEN v_ctx.platform THEN 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid ELSE v_ctx.tenant_id END;
END;
$$;
COMMENT ON FUNCTION monay.rls_tenant_high() IS
    'Upper bound of visible tenant ids: the tenant, all (platform), or NULL (no context).';

DROP FUNCTION monay.context_is_verified();
DROP FUNCTION monay.context_signature_is_valid();
DROP FUNCTION monay.context_cache_digest(text, text, text, text);
DROP SEQUENCE monay.context_cache_seq;
