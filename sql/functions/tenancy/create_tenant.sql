-- sql/functions/tenancy/create_tenant.sql
CREATE OR REPLACE FUNCTION monay.create_tenant(
    p_name                   text
    , p_tenant_type          text
    , p_billing_tier         text DEFAULT NULL
    , p_owner_user_id        uuid DEFAULT NULL
    , p_gross_margin_percent numeric DEFAULT NULL
    , p_idempotency_key      text DEFAULT NULL
)
    RETURNS monay.tenants
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Provisions a tenant: the tenants row (code generated, status active), its
   owner's membership (role owner) and, by trigger, its first tier-history row
   and audit rows. Returns the new tenant.
   Defaults: billing tier DEFAULT_TENANT_TIER; gross margin the tier's floor
   (free 0, enterprise 70), DEFAULT_MARGIN_PERCENT for small_business.
   Who may call:
     - an authenticated user (monay.authenticate): creates a tenant owned by
       themself; p_owner_user_id may be omitted or must be that user.
     - the platform context: creates a tenant for any active user
       (p_owner_user_id required).
   Context: the caller's context is unchanged on return. (For a user, the
   rows are written inside a context re-signed for the new tenant, since RLS
   admits a tenant's rows only from its own context; the user's previous
   context is then restored. Call monay.switch_tenant to work in the new one.)
   Idempotency: with p_idempotency_key, the first call records (owner, key) ->
   tenant; a retry with the same key and the same parameters returns that
   tenant (its current row) without creating another, also when two retries
   race (the second waits for the first to commit). Without a key every call
   creates a tenant.
   Raises:
     42501 no authenticated user and no platform context; a user naming
           another user as owner
     22023 name blank or over 200 characters, unknown tenant_type or
           billing_tier, margin outside the tier's range (message names tier,
           range and value), platform call without p_owner_user_id, key blank
           or over 200 characters
     MT302 the owner does not exist or is disabled
     MT303 the owner already belongs to MAX_TENANTS_PER_USER tenants
     MT307 p_idempotency_key was used by this owner for different parameters */
DECLARE
    v_ctx     record;
    v_name    text := btrim(p_name);
    v_tier    text;
    v_range   record;
    v_margin  numeric;
    v_owner   uuid;
    v_status  text;
    v_id      uuid := gen_random_uuid();
    v_hash    text;
    v_claim   record;
    v_row     monay.tenants;
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();

    -- Who may create for whom.
    IF coalesce(v_ctx.platform, false) THEN
        IF p_owner_user_id IS NULL THEN
            RAISE EXCEPTION 'create_tenant in the platform context needs p_owner_user_id (the owner)'
                USING ERRCODE = '22023';
        END IF;
        v_owner := p_owner_user_id;
    ELSIF v_ctx.user_id IS NOT NULL THEN
        IF p_owner_user_id IS NOT NULL AND p_owner_user_id <> v_ctx.user_id THEN
            RAISE EXCEPTION 'user % may create a tenant only for themself, not for user %',
                v_ctx.user_id, p_owner_user_id
                USING ERRCODE = '42501', HINT = 'Creating tenants for others is a platform operation.';
        END IF;
        v_owner := v_ctx.user_id;
    ELSE
        RAISE EXCEPTION 'create_tenant needs an authenticated user (monay.authenticate) or the platform context; role % has neither',
            coalesce(nullif(current_setting('role'), 'none'), session_user)
            USING ERRCODE = '42501';
    END IF;

    -- Parameters.
    IF v_name IS NULL OR length(v_name) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'invalid tenant name %: 1 to 200 characters required',
            coalesce(quote_literal(p_name), 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_tenant_type IS NULL OR NOT EXISTS (SELECT 1 FROM monay.tenant_types tt WHERE tt.tenant_type = p_tenant_type) THEN
        RAISE EXCEPTION 'invalid tenant_type %: expected one of %',
            coalesce(quote_literal(p_tenant_type), 'NULL'),
            monay_private.allowed_values('monay.tenant_types', 'tenant_type') USING ERRCODE = '22023';
    END IF;
    v_tier := coalesce(p_billing_tier, monay.get_setting('DEFAULT_TENANT_TIER') #>> '{}');
    SELECT * INTO v_range FROM monay_private.tier_margin_range(v_tier);
    IF v_range.floor_pct IS NULL THEN
        RAISE EXCEPTION 'invalid billing_tier %: expected one of %',
            quote_literal(v_tier), monay_private.allowed_values('monay.billing_tiers', 'tier', 'sort_order')
            USING ERRCODE = '22023';
    END IF;
    v_margin := coalesce(p_gross_margin_percent,
                         CASE WHEN v_tier = 'small_business'
                              THEN (monay.get_setting('DEFAULT_MARGIN_PERCENT') #>> '{}')::numeric
                              ELSE v_range.floor_pct END);
    IF v_margin NOT BETWEEN v_range.floor_pct AND v_range.ceiling_pct THEN
        RAISE EXCEPTION 'gross margin % %% is outside the range of tier % (% to % %%)',
            v_margin, v_tier, v_range.floor_pct, v_range.ceiling_pct
            USING ERRCODE = '22023';
    END IF;
    IF p_idempotency_key IS NOT NULL AND length(btrim(p_idempotency_key)) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'invalid idempotency key: 1 to 200 characters required' USING ERRCODE = '22023';
    END IF;

    v_status := monay_private.user_status(v_owner);
    IF v_status IS DISTINCT FROM 'active' THEN
        RAISE EXCEPTION 'owner user % %', v_owner,
            CASE WHEN v_status IS NULL THEN 'does not exist' ELSE 'is ' || v_status END
            USING ERRCODE = 'MT302';
    END IF;

    -- Idempotency (monay_private.idempotency_claim): claim (owner, key) first; a concurrent
    -- claim waits on ours; another request under the same key raises MT307.
    IF p_idempotency_key IS NOT NULL THEN
        v_hash := encode(public.digest(convert_to(jsonb_build_object(
            'name', v_name, 'tenant_type', p_tenant_type, 'billing_tier', v_tier,
            'gross_margin_percent', v_margin::numeric(5, 2), 'owner', v_owner)::text, 'UTF8'), 'sha256'), 'hex');
        v_claim := monay_private.idempotency_claim('tenant', v_owner, p_idempotency_key, v_hash, 'MT307',
                                                   p_ref_uuid => v_id);
        IF NOT v_claim.claimed THEN
            IF NOT coalesce(v_ctx.platform, false) THEN
                PERFORM monay_private.set_context(v_claim.prior_ref_uuid, v_ctx.user_id, false);
            END IF;
            SELECT * INTO v_row FROM monay.tenants t WHERE t.id = v_claim.prior_ref_uuid;
            PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, coalesce(v_ctx.platform, false));
            RETURN v_row;
        END IF;
    END IF;

    IF NOT coalesce(v_ctx.platform, false) THEN
        PERFORM monay_private.set_context(v_id, v_ctx.user_id, false);
    END IF;
    INSERT INTO monay.tenants (id, name, tenant_type, billing_tier, gross_margin_percent)
    VALUES (v_id, v_name, p_tenant_type, v_tier, v_margin)
    RETURNING * INTO v_row;
    INSERT INTO monay.tenant_users (tenant_id, user_id, role) VALUES (v_id, v_owner, 'owner');
    IF NOT coalesce(v_ctx.platform, false) THEN
        -- Only a user's context was re-signed above: the platform's is unchanged (one signing less).
        PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, false);
    END IF;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.create_tenant(text, text, text, uuid, numeric, text) IS
    'Provisions a tenant with its owner (tier/margin defaults from settings; idempotent with a key).';
REVOKE ALL ON FUNCTION monay.create_tenant(text, text, text, uuid, numeric, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.create_tenant(text, text, text, uuid, numeric, text) TO monay_app, monay_platform;
