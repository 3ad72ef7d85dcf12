-- sql/functions/billing/billing_tenant_state_sync.sql
CREATE OR REPLACE FUNCTION monay_private.billing_tenant_state_sync()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* AFTER INSERT OR UPDATE OF status, billing_tier on monay.tenants: copies the
   two columns into monay_private.billing_tenant_state, which the usage hot
   path reads instead of monay.tenants (no RLS cost there). Same transaction
   as the change, so the copy is never behind what a committed reader of
   tenants sees. */
BEGIN
    INSERT INTO monay_private.billing_tenant_state AS s (tenant_id, status, billing_tier)
    VALUES (NEW.id, NEW.status, NEW.billing_tier)
    ON CONFLICT (tenant_id) DO UPDATE
        SET status = excluded.status, billing_tier = excluded.billing_tier
        WHERE (s.status, s.billing_tier) IS DISTINCT FROM (excluded.status, excluded.billing_tier);
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION monay_private.billing_tenant_state_sync() IS
    'Trigger: mirrors tenants.status and billing_tier into monay_private.billing_tenant_state.';
REVOKE ALL ON FUNCTION monay_private.billing_tenant_state_sync() FROM PUBLIC;

CREATE OR REPLACE TRIGGER tenants_300_billing_state_sync
    AFTER INSERT OR UPDATE OF status, billing_tier ON monay.tenants
    FOR EACH ROW EXECUTE FUNCTION monay_private.billing_tenant_state_sync();
