-- sql/functions/vault/get_wallet_addresses.sql
CREATE OR REPLACE FUNCTION monay.get_wallet_addresses(
    p_tenant_id uuid
)
    RETURNS SETOF monay.wallet_addresses
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Every address registered in the tenant's subtree, retired ones included
   (retired_at set: an earlier key version, still able to receive funds),
   by key version and index. What recovery re-derives
   (GET /api/wallets/addresses/:tenantId, POST /api/wallets/recover/:tenantId).
   Works while HD_WALLET_ENABLED is off.
   Raises:
     22023 p_tenant_id NULL
     42501 no verified context, a forged one, or another tenant's */
BEGIN
    PERFORM monay_private.require_tenant_access(p_tenant_id, 'get_wallet_addresses');
    RETURN QUERY
    SELECT * FROM monay.wallet_addresses w
    WHERE w.tenant_id = p_tenant_id
    ORDER BY w.key_version, w.address_index;
END;
$$;

COMMENT ON FUNCTION monay.get_wallet_addresses(uuid) IS
    'Every registered address of the tenant (retired ones too), by key version and index.';
REVOKE ALL ON FUNCTION monay.get_wallet_addresses(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.get_wallet_addresses(uuid) TO monay_app, monay_platform, monay_readonly;
