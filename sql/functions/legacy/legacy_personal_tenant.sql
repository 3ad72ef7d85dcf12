-- sql/functions/legacy/legacy_personal_tenant.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_personal_tenant(
    p_user_id uuid
)
    RETURNS uuid
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The personal tenant of a pre-tenancy user: found by monay.create_tenant's
   idempotency key 'legacy:personal-tenant', or created through
   monay.create_tenant itself (individual, free tier, the user as owner, in the
   platform context; the caller's context is restored). The key makes it
   exactly one per user, also when a backfill batch and a dual-write trigger
   race for the same user.
   Raises what create_tenant raises: MT302 the user is disabled or missing,
   MT303 the user already belongs to MAX_TENANTS_PER_USER tenants. */
DECLARE
    v_tenant uuid;
    v_ctx    record;
    v_name   text;
BEGIN
    SELECT r.tenant_id INTO v_tenant FROM monay_private.tenant_creation_requests r
    WHERE r.owner_user_id = p_user_id AND r.idempotency_key = 'legacy:personal-tenant';
    IF v_tenant IS NOT NULL THEN
        RETURN v_tenant;
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    PERFORM monay_private.set_context(NULL, NULL, true);
    SELECT u.display_name INTO v_name FROM monay.users u WHERE u.id = p_user_id;
    v_tenant := (monay.create_tenant(coalesce(v_name, p_user_id::text), 'individual', 'free', p_user_id, NULL,
                                     'legacy:personal-tenant')).id;
    PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, coalesce(v_ctx.platform, false));
    RETURN v_tenant;
END;
$$;

COMMENT ON FUNCTION monay_private.legacy_personal_tenant(uuid) IS
    'The personal tenant of a pre-tenancy user, created once through monay.create_tenant when missing.';
REVOKE ALL ON FUNCTION monay_private.legacy_personal_tenant(uuid) FROM PUBLIC;
