-- sql/functions/legacy/legacy_progress.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_progress(
    p_direction text
)
    RETURNS TABLE (ord bigint, name text, kind text, status text, rows_done bigint, rows_total bigint,
                   batches bigint, started_at timestamptz, finished_at timestamptz, description text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The retrofit's steps of p_direction with their progress; rows_total is the
   planner's estimate of the rows a batch step walks (pg_class.reltuples), what
   the progress bar needs, never used for a decision. */
    SELECT s.ord, s.name, s.kind, s.status, s.rows_done,
           CASE s.name
               WHEN 'personal_tenants' THEN (SELECT c.reltuples FROM pg_catalog.pg_class c WHERE c.oid = 'monay.users'::regclass)
               WHEN 'wallets_tenant_id' THEN (SELECT c.reltuples FROM pg_catalog.pg_class c WHERE c.oid = 'monay.wallets'::regclass)
               WHEN 'cards_tenant_id' THEN (SELECT c.reltuples FROM pg_catalog.pg_class c WHERE c.oid = 'monay.cards'::regclass)
               WHEN 'invoices_tenant_id' THEN (SELECT c.reltuples FROM pg_catalog.pg_class c WHERE c.oid = 'monay.invoices'::regclass)
               WHEN 'transactions_move' THEN (SELECT c.reltuples FROM pg_catalog.pg_class c
                                              WHERE c.oid = coalesce(to_regclass('monay_private.transactions_pre_tenancy'),
                                                                     'monay.transactions'::regclass))
           END::bigint,
           s.batches, s.started_at, s.finished_at, s.description
    FROM monay_private.legacy_steps s
    WHERE s.direction = p_direction
    ORDER BY s.ord
$$;

COMMENT ON FUNCTION monay_private.legacy_progress(text) IS
    'The retrofit''s steps (migrate or rollback) with status, rows done and an estimate of rows to do.';
REVOKE ALL ON FUNCTION monay_private.legacy_progress(text) FROM PUBLIC;
