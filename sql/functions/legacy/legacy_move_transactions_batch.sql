-- sql/functions/legacy/legacy_move_transactions_batch.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_move_transactions_batch(
    p_limit integer
)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Step transactions_move, one batch: the pre-tenancy transactions of the next
   range of heap blocks (about p_limit rows; a TID range scan, sequential
   reads) are copied into the partitioned table with tenant_id (their wallet's
   tenant), counterparty_tenant_id, and a mirrored credit row in the
   counterparty's tenant when that is another tenant (id
   monay_private.legacy_mirror_id). ON CONFLICT DO NOTHING: a row the
   dual-write trigger already wrote is newer and stays. Rows written after
   migration 006 are in the new table by trigger already, so the blocks that
   existed at the step's start are enough; every later change is the
   trigger's. Returns the rows copied (originals), 0 when every block is done. */
DECLARE
    v_block  bigint;
    v_pages  bigint;
    v_per    bigint;
    v_hi     bigint;
    v_n      bigint := 0;
    v_table  text := 'monay_private.transactions_tenant';
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
    v_block := coalesce(monay_private.legacy_step_cursor('migrate', 'transactions_move'), '0')::bigint;
    v_pages := pg_catalog.pg_relation_size('monay.transactions') / current_setting('block_size')::bigint;
    SELECT greatest(1, (c.reltuples / greatest(c.relpages, 1))::bigint) INTO v_per
    FROM pg_catalog.pg_class c WHERE c.oid = 'monay.transactions'::regclass;
    WHILE v_n = 0 AND v_block < v_pages LOOP
        v_hi := least(v_pages, v_block + greatest(1, p_limit / v_per));
        -- Dynamic: the table exists only during the retrofit (plpgsql_check checks
        -- bodies against the final schema, where it is gone).
        EXECUTE format($q$
        WITH src AS MATERIALIZED (
            SELECT t.id, t.wallet_id, t.counterparty_wallet_id, t.kind, t.amount_cents, t.status,
                   t.description, t.created_at, w.tenant_id, cw.tenant_id AS counterparty_tenant_id
            FROM monay.transactions t
            JOIN monay.wallets w ON w.id = t.wallet_id
            LEFT JOIN monay.wallets cw ON cw.id = t.counterparty_wallet_id
            WHERE t.ctid >= $1 AND t.ctid < $2),
        originals AS (
            INSERT INTO %1$s (id, wallet_id, counterparty_wallet_id, kind,
                amount_cents, status, description, created_at, tenant_id, counterparty_tenant_id)
            SELECT * FROM src
            ON CONFLICT DO NOTHING),
        mirrors AS (
            INSERT INTO %1$s (id, wallet_id, counterparty_wallet_id, kind,
                amount_cents, status, description, created_at, tenant_id, counterparty_tenant_id, mirror_of)
            SELECT monay_private.legacy_mirror_id(s.id), s.counterparty_wallet_id, s.wallet_id, s.kind,
                   s.amount_cents, s.status, s.description, s.created_at, s.counterparty_tenant_id, s.tenant_id, s.id
            FROM src s WHERE s.counterparty_tenant_id <> s.tenant_id
            ON CONFLICT DO NOTHING)
        SELECT count(*) FROM src$q$, v_table)
        INTO v_n USING format('(%s,0)', v_block)::tid, format('(%s,0)', v_hi)::tid;
        v_block := v_hi;
        PERFORM monay_private.legacy_step_advance('migrate', 'transactions_move', v_block::text, v_n);
    END LOOP;
    RETURN v_n;
END;
$$;

COMMENT ON FUNCTION monay_private.legacy_move_transactions_batch(integer) IS
    'Retrofit step transactions_move: copies one block range into the partitioned table (0 when done).';
REVOKE ALL ON FUNCTION monay_private.legacy_move_transactions_batch(integer) FROM PUBLIC;
