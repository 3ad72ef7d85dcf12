-- sql/functions/legacy/legacy_backfill_batch.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_backfill_batch(
    p_table   text
    , p_limit integer
)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Steps wallets_tenant_id, cards_tenant_id, invoices_tenant_id, one batch:
   the next p_limit rows of monay.<p_table> (by id, after the step's cursor)
   get tenant_id := their owner's personal tenant (created when missing).
   Rows the dual-write trigger already filled are left alone. Returns the rows
   looked at, 0 when the table is done. Runs in the platform context.
   Raises 22023 for a table other than wallets, cards, invoices. */
DECLARE
    v_step   text := p_table || '_tenant_id';
    v_cursor uuid;
    v_last   uuid;
    v_n      bigint;
BEGIN
    IF p_table IS NULL OR p_table NOT IN ('wallets', 'cards', 'invoices') THEN
        RAISE EXCEPTION 'legacy_backfill_batch: table % is not wallets, cards or invoices',
            coalesce(quote_literal(p_table), 'NULL') USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.set_context(NULL, NULL, true);
    v_cursor := coalesce(monay_private.legacy_step_cursor('migrate', v_step),
                         '00000000-0000-0000-0000-000000000000')::uuid;
    EXECUTE format($q$
        WITH b AS (SELECT t.id, t.user_id, t.tenant_id FROM monay.%1$I t WHERE t.id > $1 ORDER BY t.id LIMIT $2),
        x AS (SELECT b.id, coalesce(r.tenant_id, monay_private.legacy_personal_tenant(b.user_id)) AS tenant_id
              FROM b LEFT JOIN monay_private.tenant_creation_requests r
                ON r.owner_user_id = b.user_id AND r.idempotency_key = 'legacy:personal-tenant'
              WHERE b.tenant_id IS NULL),
        u AS (UPDATE monay.%1$I t SET tenant_id = x.tenant_id FROM x WHERE t.id = x.id AND t.tenant_id IS NULL)
        SELECT count(*), max(b.id::text)::uuid FROM b$q$, p_table)
    INTO v_n, v_last USING v_cursor, p_limit;
    IF v_n > 0 THEN
        PERFORM monay_private.legacy_step_advance('migrate', v_step, v_last::text, v_n);
    END IF;
    RETURN v_n;
END;
$$;

COMMENT ON FUNCTION monay_private.legacy_backfill_batch(text, integer) IS
    'Retrofit backfill of wallets/cards/invoices.tenant_id: one committed batch (0 when done).';
REVOKE ALL ON FUNCTION monay_private.legacy_backfill_batch(text, integer) FROM PUBLIC;
