-- sql/functions/billing/process_payment_waterfall.sql
CREATE OR REPLACE FUNCTION monay.process_payment_waterfall(
    p_tenant_id uuid
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Applies the tenant's credit (payments not yet allocated) to its unpaid
   bills, oldest bill first, from the oldest payment first; a bill fully
   covered becomes 'paid'; what is left stays credit for the next bill.
   process_payment and the monthly run call it; calling it again changes
   nothing (idempotent). Returns {tenant_id, allocations: [{payment_id,
   period, amount_cents}], bills_paid: [period], credit_cents}.
   Raises 42501 (context may not act on the tenant), 22023 (NULL), MT301. */
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'process_payment_waterfall');
    PERFORM monay_private.require_tenant_found(p_tenant_id,
        EXISTS (SELECT 1 FROM monay_private.billing_tenant_state s WHERE s.tenant_id = p_tenant_id));
    RETURN monay_private.billing_waterfall(p_tenant_id);
END;
$$;

COMMENT ON FUNCTION monay.process_payment_waterfall(uuid) IS
    'Allocates the tenant''s credit to unpaid bills, oldest first (idempotent).';
REVOKE ALL ON FUNCTION monay.process_payment_waterfall(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.process_payment_waterfall(uuid) TO monay_app, monay_platform;
