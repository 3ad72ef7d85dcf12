-- sql/functions/tenancy/record_tier_change.sql
CREATE OR REPLACE FUNCTION monay_private.record_tier_change()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* AFTER INSERT OR UPDATE OF billing_tier, gross_margin_percent on
   monay.tenants: appends the tenant's tier and margin to
   monay.tenant_tier_history, effective from the tenant's created_at (INSERT)
   or from now() (a change). Two changes in one transaction share now(): the
   later one overwrites the earlier (the history keeps one row per instant).
   changed_by is the user of the verified context (NULL for platform jobs).
   Not SECURITY DEFINER on purpose: it writes as whoever changed the tenant
   (monay_owner inside our SECURITY DEFINER functions), through RLS like any
   other row, so the context that could write the tenant writes its history
   (same tenant_id range) and a superuser fixture bypasses RLS for both.
   Raises nothing of its own; an UPDATE that leaves both columns unchanged
   writes nothing. */
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.billing_tier IS NOT DISTINCT FROM OLD.billing_tier
       AND NEW.gross_margin_percent IS NOT DISTINCT FROM OLD.gross_margin_percent THEN
        RETURN NULL;
    END IF;
    INSERT INTO monay.tenant_tier_history AS h
        (tenant_id, effective_at, billing_tier, gross_margin_percent, changed_by)
    VALUES (NEW.id,
            CASE WHEN TG_OP = 'INSERT' THEN NEW.created_at ELSE now() END,
            NEW.billing_tier, NEW.gross_margin_percent, monay.current_user_id())
    ON CONFLICT (tenant_id, effective_at) DO UPDATE
        SET billing_tier = excluded.billing_tier,
            gross_margin_percent = excluded.gross_margin_percent,
            changed_by = excluded.changed_by;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION monay_private.record_tier_change() IS
    'Trigger: appends a tenant''s billing tier and margin to monay.tenant_tier_history on insert/change.';
REVOKE ALL ON FUNCTION monay_private.record_tier_change() FROM PUBLIC;

CREATE OR REPLACE TRIGGER tenants_700_record_tier_change
    AFTER INSERT OR UPDATE OF billing_tier, gross_margin_percent ON monay.tenants
    FOR EACH ROW EXECUTE FUNCTION monay_private.record_tier_change();
