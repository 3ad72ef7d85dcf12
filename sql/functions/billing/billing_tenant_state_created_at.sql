-- sql/functions/billing/billing_tenant_state_created_at.sql
CREATE OR REPLACE FUNCTION monay_private.billing_tenant_state_created_at()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* AFTER INSERT OR UPDATE OF created_at on monay.tenants (trigger
   tenants_310_billing_state_created_at, created by migration 020, after
   tenants_300_billing_state_sync has written the row): copies created_at into
   monay_private.billing_tenant_state, where billing_period_for reads it
   without RLS (the earliest occurred_at usage may have). A trigger of its own,
   not a column of billing_tenant_state_sync: the legacy retrofit applies the
   function files to databases that do not have migration 020 yet, where the
   sync trigger must keep working. Never raises. */
BEGIN
    UPDATE monay_private.billing_tenant_state s SET created_at = NEW.created_at
    WHERE s.tenant_id = NEW.id AND s.created_at IS DISTINCT FROM NEW.created_at;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_tenant_state_created_at() IS
    'Trigger: mirrors tenants.created_at into monay_private.billing_tenant_state (for billing_period_for).';
REVOKE ALL ON FUNCTION monay_private.billing_tenant_state_created_at() FROM PUBLIC;
