-- sql/demo/backdate_tenants.sql
CREATE OR REPLACE FUNCTION monay_demo.backdate_tenants(
    p_tenant_ids uuid[]
    , p_since    date
)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Demo only: the tenants signed up on p_since (created_at and their tier
   history moved there), so that last month is a whole month of billing.
   Run by the demo's superuser connection (outside every API, like a data
   migration of existing customers would). Returns how many tenants moved. */
DECLARE
    v_n integer;
BEGIN
    IF p_since IS NULL OR p_tenant_ids IS NULL THEN
        RAISE EXCEPTION 'p_tenant_ids and p_since must not be NULL' USING ERRCODE = '22023';
    END IF;
    UPDATE monay.tenants SET created_at = p_since WHERE id = ANY (p_tenant_ids);
    GET DIAGNOSTICS v_n = ROW_COUNT;
    UPDATE monay.tenant_tier_history SET effective_at = p_since WHERE tenant_id = ANY (p_tenant_ids);
    RETURN v_n;
END;
$$;

COMMENT ON FUNCTION monay_demo.backdate_tenants(uuid[], date) IS
    'Demo only: moves tenants'' sign-up (and tier history) back to a date.';
REVOKE ALL ON FUNCTION monay_demo.backdate_tenants(uuid[], date) FROM PUBLIC;
