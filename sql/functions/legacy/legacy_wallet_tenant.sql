-- sql/functions/legacy/legacy_wallet_tenant.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_wallet_tenant(
    p_wallet_id uuid
)
    RETURNS uuid
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The tenant of a wallet during the retrofit: its tenant_id, or its owner's
   personal tenant while the backfill has not reached it. NULL for NULL. */
    SELECT coalesce(w.tenant_id, monay_private.legacy_personal_tenant(w.user_id))
    FROM monay.wallets w WHERE w.id = p_wallet_id
$$;

COMMENT ON FUNCTION monay_private.legacy_wallet_tenant(uuid) IS
    'Tenant of a wallet during the retrofit (its tenant_id, else its owner''s personal tenant).';
REVOKE ALL ON FUNCTION monay_private.legacy_wallet_tenant(uuid) FROM PUBLIC;
