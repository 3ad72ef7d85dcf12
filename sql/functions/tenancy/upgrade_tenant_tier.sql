-- sql/functions/tenancy/upgrade_tenant_tier.sql
CREATE OR REPLACE FUNCTION monay.upgrade_tenant_tier(
    p_tenant_id              uuid
    , p_new_tier             text
    , p_gross_margin_percent numeric DEFAULT NULL
)
    RETURNS monay.tenants
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Moves a tenant to billing tier p_new_tier (up or down) and returns the
   tenant. Tier and margin change together in one UPDATE, so the CHECK on
   tenants holds at every instant; the margin defaults to the new tier's floor
   (DEFAULT_MARGIN_PERCENT for small_business). Audited (audit_log, trigger)
   and recorded in monay.tenant_tier_history effective now() (trigger), which
   billing reads to prorate the month. Platform context only.
   Same tier: with p_gross_margin_percent NULL or equal to the current margin
   this is a no-op that returns the tenant unchanged (so a retried call is
   harmless); with another margin inside the tier's range only the margin
   changes (also recorded in the history).
   Raises:
     42501 not the platform context
     22023 p_tenant_id NULL, unknown tier, margin outside the tier's range
           (message names tier, range and value)
     MT301 the tenant does not exist
     MT304 the tenant is closed */
DECLARE
    v_range  record;
    v_margin numeric;
    v_row    monay.tenants;
BEGIN
    PERFORM monay_private.require_platform(format('upgrade_tenant_tier(%s, %s)', p_tenant_id, p_new_tier));
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'upgrade_tenant_tier');
    SELECT * INTO v_range FROM monay_private.tier_margin_range(p_new_tier);
    IF v_range.floor_pct IS NULL THEN
        RAISE EXCEPTION 'invalid billing_tier %: expected one of %',
            coalesce(quote_literal(p_new_tier), 'NULL'),
            monay_private.allowed_values('monay.billing_tiers', 'tier', 'sort_order') USING ERRCODE = '22023';
    END IF;
    v_row := monay_private.lock_tenant(p_tenant_id);
    PERFORM monay_private.require_tenant_status(p_tenant_id, v_row.status, 'MT304', 'its tier cannot change');
    IF v_row.billing_tier = p_new_tier
       AND (p_gross_margin_percent IS NULL OR p_gross_margin_percent = v_row.gross_margin_percent) THEN
        RETURN v_row;
    END IF;
    v_margin := coalesce(p_gross_margin_percent,
                         CASE WHEN p_new_tier = 'small_business'
                              THEN (monay.get_setting('DEFAULT_MARGIN_PERCENT') #>> '{}')::numeric
                              ELSE v_range.floor_pct END);
    IF v_margin NOT BETWEEN v_range.floor_pct AND v_range.ceiling_pct THEN
        RAISE EXCEPTION 'gross margin % %% is outside the range of tier % (% to % %%) for tenant %',
            v_margin, p_new_tier, v_range.floor_pct, v_range.ceiling_pct, p_tenant_id
            USING ERRCODE = '22023';
    END IF;
    UPDATE monay.tenants t SET billing_tier = p_new_tier, gross_margin_percent = v_margin
    WHERE t.id = p_tenant_id
    RETURNING * INTO v_row;
    RETURN v_row;
END;
$$;

COMMENT ON FUNCTION monay.upgrade_tenant_tier(uuid, text, numeric) IS
    'Platform only: changes a tenant''s billing tier and margin together (audited, tier history).';
REVOKE ALL ON FUNCTION monay.upgrade_tenant_tier(uuid, text, numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.upgrade_tenant_tier(uuid, text, numeric) TO monay_platform;
