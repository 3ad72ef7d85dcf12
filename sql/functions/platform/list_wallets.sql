-- sql/functions/platform/list_wallets.sql
CREATE OR REPLACE FUNCTION monay.list_wallets(
    p_after_id  uuid DEFAULT NULL
    , p_limit   integer DEFAULT 50
)
    RETURNS SETOF monay.wallets
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The current tenant's wallets by id, at most p_limit, after p_after_id
   (keyset paging: pass the last id of a page to get the next one).
   Raises 42501 without a tenant context, 22023 for p_limit outside 1..500. */
DECLARE
    v_ctx record := monay_private.require_tenant_context('list_wallets');
BEGIN
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'list_wallets: limit % outside 1..500', coalesce(p_limit::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    RETURN QUERY
        SELECT w.* FROM monay.wallets w
        WHERE w.tenant_id = v_ctx.tenant_id AND (p_after_id IS NULL OR w.id > p_after_id)
        ORDER BY w.id LIMIT p_limit;
END;
$$;

COMMENT ON FUNCTION monay.list_wallets(uuid, integer) IS
    'The current tenant''s wallets, keyset-paged by id.';
REVOKE ALL ON FUNCTION monay.list_wallets(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.list_wallets(uuid, integer) TO monay_app, monay_platform, monay_readonly;
