-- sql/functions/billing/finalize_tenant_billing.sql
CREATE OR REPLACE FUNCTION monay.finalize_tenant_billing(
    p_tenant_id uuid
    , p_period  date
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Platform only: finalizes one tenant's bill for the month holding p_period
   now, as the monthly run does for every tenant (monay_private.billing_finalize_tenant):
   exactly once, waiting for that month's operations in flight, then applies
   the tenant's credit. Returns the stored bill with created = true, or the
   existing one with created = false (idempotent).
   Raises 42501 (not the platform context), 22023 (NULL or out of range),
   MT301 (no such tenant), MT407 (the month is not over yet, UTC). */
DECLARE
    v_period  date;
    v_created boolean;
BEGIN
    PERFORM monay_private.require_platform(format('finalize_tenant_billing(%s, %s)', p_tenant_id, p_period));
    PERFORM monay_private.require_not_null(p_tenant_id, 'p_tenant_id', 'finalize_tenant_billing');
    v_period := monay_private.billing_period_start(p_period, 'finalize_tenant_billing');
    IF (v_period + interval '1 month')::timestamp AT TIME ZONE 'UTC' > now() THEN
        RAISE EXCEPTION 'period % is not over until % UTC: it cannot be billed yet (tenant %)',
            to_char(v_period, 'YYYY-MM'), (v_period + interval '1 month')::date, p_tenant_id
            USING ERRCODE = 'MT407';
    END IF;
    PERFORM monay_private.require_tenant_found(p_tenant_id,
        EXISTS (SELECT 1 FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id));
    v_created := monay_private.billing_finalize_tenant(p_tenant_id, v_period, NULL);
    RETURN monay_private.billing_stored_bill(p_tenant_id, v_period) || jsonb_build_object('created', v_created);
END;
$$;

COMMENT ON FUNCTION monay.finalize_tenant_billing(uuid, date) IS
    'Platform only: finalizes one tenant''s bill for an ended month, exactly once (idempotent).';
REVOKE ALL ON FUNCTION monay.finalize_tenant_billing(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.finalize_tenant_billing(uuid, date) TO monay_platform;
