-- sql/functions/platform/list_transactions.sql
CREATE OR REPLACE FUNCTION monay.list_transactions(
    p_wallet_id            uuid DEFAULT NULL
    , p_before_created_at  timestamptz DEFAULT NULL
    , p_before_id          uuid DEFAULT NULL
    , p_limit              integer DEFAULT 50
)
    RETURNS TABLE (id uuid, wallet_id uuid, counterparty_wallet_id uuid, kind text, amount_cents bigint,
                   status text, description text, created_at timestamptz, counterparty_tenant_id uuid,
                   mirror_of uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The current tenant's transactions (of one wallet, or all), newest first,
   at most p_limit, strictly before (p_before_created_at, p_before_id): keyset
   paging, pass the last row's created_at and id for the next page. A
   cross-tenant transfer shows as the sender's row in the sender's tenant and
   as its mirror (mirror_of = the original's id) in the recipient's.
   (RETURNS TABLE, not SETOF monay.transactions: the table is replaced by the
   retrofit's swap, and a function's row type would stay the old one.)
   Raises:
     42501 no tenant context
     22023 p_limit outside 1..500; only one of the two cursor values given
     MP001 p_wallet_id is not a wallet of this tenant */
DECLARE
    v_ctx record := monay_private.require_tenant_context('list_transactions');
BEGIN
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'list_transactions: limit % outside 1..500', coalesce(p_limit::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    IF (p_before_created_at IS NULL) <> (p_before_id IS NULL) THEN
        RAISE EXCEPTION 'list_transactions: the cursor needs both created_at and id (got %, %)',
            coalesce(p_before_created_at::text, 'NULL'), coalesce(p_before_id::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    IF p_wallet_id IS NOT NULL AND NOT EXISTS (
            SELECT FROM monay.wallets w WHERE w.tenant_id = v_ctx.tenant_id AND w.id = p_wallet_id) THEN
        RAISE EXCEPTION 'list_transactions: wallet % not found in tenant %', p_wallet_id, v_ctx.tenant_id
            USING ERRCODE = 'MP001';
    END IF;
    RETURN QUERY
        SELECT t.id, t.wallet_id, t.counterparty_wallet_id, t.kind, t.amount_cents, t.status, t.description,
               t.created_at, t.counterparty_tenant_id, t.mirror_of
        FROM monay.transactions t
        WHERE t.tenant_id = v_ctx.tenant_id
          AND (p_wallet_id IS NULL OR t.wallet_id = p_wallet_id)
          AND (p_before_id IS NULL OR (t.created_at, t.id) < (p_before_created_at, p_before_id))
        ORDER BY t.created_at DESC, t.id DESC
        LIMIT p_limit;
END;
$$;

COMMENT ON FUNCTION monay.list_transactions(uuid, timestamptz, uuid, integer) IS
    'The current tenant''s transactions (one wallet or all), newest first, keyset-paged.';
REVOKE ALL ON FUNCTION monay.list_transactions(uuid, timestamptz, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.list_transactions(uuid, timestamptz, uuid, integer)
    TO monay_app, monay_platform, monay_readonly;
