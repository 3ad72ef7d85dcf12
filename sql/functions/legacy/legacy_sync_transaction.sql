-- sql/functions/legacy/legacy_sync_transaction.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_sync_transaction(
    p_old  jsonb
    , p_new jsonb
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The dual-write of one change of a pre-tenancy transaction (p_old, p_new:
   the row before and after, NULL for an insert or a delete) into the
   tenant-scoped table: the row with its wallet's tenant, and the mirrored
   credit row in the counterparty's tenant when that is another one. Runs in
   the platform context and restores the caller's. Upserts: a batch of the
   move that copied an older version first is overwritten by this newer one. */
DECLARE
    v_ctx     record;
    v_tenant  uuid;
    v_ctenant uuid;
    v_row     monay.transactions;
    -- Dynamic: the table exists only during the retrofit (plpgsql_check checks
    -- bodies against the final schema, where it is gone).
    v_table   text := 'monay_private.transactions_tenant';
    v_upsert  text := 'INSERT INTO monay_private.transactions_tenant AS t (id, wallet_id, counterparty_wallet_id, '
        'kind, amount_cents, status, description, created_at, tenant_id, counterparty_tenant_id, mirror_of) '
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) '
        'ON CONFLICT (tenant_id, id) DO UPDATE SET wallet_id = EXCLUDED.wallet_id, '
        'counterparty_wallet_id = EXCLUDED.counterparty_wallet_id, kind = EXCLUDED.kind, '
        'amount_cents = EXCLUDED.amount_cents, status = EXCLUDED.status, description = EXCLUDED.description, '
        'created_at = EXCLUDED.created_at, counterparty_tenant_id = EXCLUDED.counterparty_tenant_id, '
        'mirror_of = EXCLUDED.mirror_of';
BEGIN
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    PERFORM monay_private.set_context(NULL, NULL, true);
    IF p_old IS NOT NULL AND (p_new IS NULL OR p_new -> 'wallet_id' IS DISTINCT FROM p_old -> 'wallet_id'
            OR p_new -> 'counterparty_wallet_id' IS DISTINCT FROM p_old -> 'counterparty_wallet_id') THEN
        v_tenant := monay_private.legacy_wallet_tenant((p_old ->> 'wallet_id')::uuid);
        v_ctenant := monay_private.legacy_wallet_tenant((p_old ->> 'counterparty_wallet_id')::uuid);
        EXECUTE format('DELETE FROM %s t WHERE (t.tenant_id = $1 AND t.id = $2) OR (t.tenant_id = $3 AND t.id = $4)',
                       v_table)
        USING v_tenant, (p_old ->> 'id')::uuid, v_ctenant, monay_private.legacy_mirror_id((p_old ->> 'id')::uuid);
    END IF;
    IF p_new IS NOT NULL THEN
        v_row := jsonb_populate_record(NULL::monay.transactions, p_new);
        v_tenant := monay_private.legacy_wallet_tenant(v_row.wallet_id);
        v_ctenant := monay_private.legacy_wallet_tenant(v_row.counterparty_wallet_id);
        EXECUTE v_upsert USING v_row.id, v_row.wallet_id, v_row.counterparty_wallet_id, v_row.kind,
            v_row.amount_cents, v_row.status, v_row.description, v_row.created_at, v_tenant, v_ctenant, NULL::uuid;
        IF v_ctenant <> v_tenant THEN
            EXECUTE v_upsert USING monay_private.legacy_mirror_id(v_row.id), v_row.counterparty_wallet_id,
                v_row.wallet_id, v_row.kind, v_row.amount_cents, v_row.status, v_row.description, v_row.created_at,
                v_ctenant, v_tenant, v_row.id;
        END IF;
    END IF;
    PERFORM monay_private.set_context(v_ctx.tenant_id, v_ctx.user_id, coalesce(v_ctx.platform, false));
END;
$$;

COMMENT ON FUNCTION monay_private.legacy_sync_transaction(jsonb, jsonb) IS
    'Dual-write of a pre-tenancy transaction change into the tenant-scoped table (with its mirror row).';
REVOKE ALL ON FUNCTION monay_private.legacy_sync_transaction(jsonb, jsonb) FROM PUBLIC;
