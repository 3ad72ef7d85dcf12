-- sql/functions/tenancy/tenants_fill_defaults.sql
CREATE OR REPLACE FUNCTION monay_private.tenants_fill_defaults()
    RETURNS trigger
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* BEFORE INSERT/UPDATE on monay.tenants: a tenant inserted without a name is
   named by its code; updated_at and status_changed_at follow the row. */
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.name := coalesce(NEW.name, NEW.tenant_code);
    ELSE
        NEW.updated_at := now();
        IF NEW.status IS DISTINCT FROM OLD.status THEN
            NEW.status_changed_at := now();
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION monay_private.tenants_fill_defaults() IS
    'Defaults a tenant''s name to its code; maintains updated_at and status_changed_at.';
REVOKE ALL ON FUNCTION monay_private.tenants_fill_defaults() FROM PUBLIC;

CREATE OR REPLACE TRIGGER tenants_100_fill_defaults BEFORE INSERT OR UPDATE ON monay.tenants
    FOR EACH ROW EXECUTE FUNCTION monay_private.tenants_fill_defaults();
