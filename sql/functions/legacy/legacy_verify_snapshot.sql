-- sql/functions/legacy/legacy_verify_snapshot.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_verify_snapshot(
    p_cutoff timestamptz
)
    RETURNS TABLE (check_name text, value text)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
/* What `monaydb legacy verify` compares, in whichever shape the platform
   tables are (pre-tenancy, during the retrofit, after it, after the rollback):
     rows:T, checksum:T   rows created at or before p_cutoff and an
                          order-independent checksum of their original columns
                          (sum of hash_record_extended of the row; mirror
                          rows excluded), for users, wallets, cards, invoices,
                          transactions
     money:T:CUR:STATUS   money sums per currency and status (wallet balances,
                          invoice amounts, transaction amounts by wallet currency)
     new:T                rows created after p_cutoff (information)
     fk:...               rows whose reference is missing (must be 0)
     tenant:T             rows without their owner's tenant: NULL, a tenant the
                          owner is no active member of, or not the wallet's (must be 0;
                          once the table has tenant_id)
     mirror:transactions  1 unless the mirrors are exactly one per cross-tenant
                          original (count and checksum of the ids; must be 0)
     sync:transactions    1 when the kept pre-tenancy table differs from the
                          originals of the tenant-scoped one (count and checksum
                          of every row; must be 0; after the swap)
   Run it as a superuser or in the platform context. */
DECLARE
    v_tenant  boolean := EXISTS (SELECT FROM pg_catalog.pg_attribute a
                                 WHERE a.attrelid = 'monay.wallets'::regclass AND a.attname = 'tenant_id' AND NOT a.attisdropped);
    v_swapped boolean := to_regclass('monay_private.transactions_pre_tenancy') IS NOT NULL;
    v_orig    text;
    v_sql     text;
BEGIN
    v_orig := CASE WHEN v_swapped THEN ' AND t.mirror_of IS NULL' ELSE '' END;
    -- One scan per table: rows and checksum up to the cutoff, rows after it,
    -- and (transactions) the same over every row, for the sync check.
    v_sql := format($q$
        WITH tables (tbl, n, h, nn, n_all, h_all) AS (
            SELECT 'users', count(*) FILTER (WHERE t.created_at <= $1),
                   sum(hash_record_extended(ROW(t.id, t.email, t.display_name, t.user_type, t.status, t.created_at), 0))
                       FILTER (WHERE t.created_at <= $1),
                   count(*) FILTER (WHERE t.created_at > $1), NULL::bigint, NULL::numeric
            FROM monay.users t
            UNION ALL
            SELECT 'wallets', count(*) FILTER (WHERE t.created_at <= $1),
                   sum(hash_record_extended(ROW(t.id, t.user_id, t.currency, t.balance_cents, t.status, t.created_at), 0))
                       FILTER (WHERE t.created_at <= $1),
                   count(*) FILTER (WHERE t.created_at > $1), NULL, NULL
            FROM monay.wallets t
            UNION ALL
            SELECT 'cards', count(*) FILTER (WHERE t.created_at <= $1),
                   sum(hash_record_extended(ROW(t.id, t.user_id, t.wallet_id, t.brand, t.last4, t.expires_on, t.status,
                                            t.spend_limit_cents, t.created_at), 0)) FILTER (WHERE t.created_at <= $1),
                   count(*) FILTER (WHERE t.created_at > $1), NULL, NULL
            FROM monay.cards t
            UNION ALL
            SELECT 'invoices', count(*) FILTER (WHERE t.created_at <= $1),
                   sum(hash_record_extended(ROW(t.id, t.user_id, t.invoice_number, t.customer_name, t.amount_cents, t.currency,
                                            t.status, t.due_date, t.created_at), 0)) FILTER (WHERE t.created_at <= $1),
                   count(*) FILTER (WHERE t.created_at > $1), NULL, NULL
            FROM monay.invoices t
            UNION ALL
            SELECT 'transactions', count(*) FILTER (WHERE x.created_at <= $1), sum(x.h) FILTER (WHERE x.created_at <= $1),
                   count(*) FILTER (WHERE x.created_at > $1), count(*), sum(x.h)
            FROM (SELECT t.created_at, hash_record_extended(ROW(t.id, t.wallet_id, t.counterparty_wallet_id, t.kind, t.amount_cents,
                                                            t.status, t.description, t.created_at), 0) AS h
                  FROM monay.transactions t WHERE true %1$s) x)
        SELECT 'rows:' || tbl, n::text FROM tables
        UNION ALL SELECT 'checksum:' || tbl, coalesce(h, 0)::text FROM tables
        UNION ALL SELECT 'new:' || tbl, nn::text FROM tables
        UNION ALL SELECT 'money:wallets:' || t.currency || ':' || t.status, sum(t.balance_cents)::text
            FROM monay.wallets t WHERE t.created_at <= $1 GROUP BY t.currency, t.status
        UNION ALL SELECT 'money:invoices:' || t.currency || ':' || t.status, sum(t.amount_cents)::text
            FROM monay.invoices t WHERE t.created_at <= $1 GROUP BY t.currency, t.status
        UNION ALL SELECT 'money:transactions:' || w.currency || ':' || t.status, sum(t.amount_cents)::text
            FROM monay.transactions t JOIN monay.wallets w ON w.id = t.wallet_id
            WHERE t.created_at <= $1 %1$s GROUP BY w.currency, t.status
        UNION ALL SELECT 'fk:transactions.wallet_id', count(*) FILTER (WHERE w.id IS NULL)::text
            FROM monay.transactions t LEFT JOIN monay.wallets w ON w.id = t.wallet_id
        UNION ALL SELECT 'fk:transactions.counterparty_wallet_id', count(*)::text FROM monay.transactions t
            WHERE t.counterparty_wallet_id IS NOT NULL
              AND NOT EXISTS (SELECT FROM monay.wallets w WHERE w.id = t.counterparty_wallet_id)
        UNION ALL SELECT 'fk:cards.wallet_id', count(*)::text FROM monay.cards t
            WHERE NOT EXISTS (SELECT FROM monay.wallets w WHERE w.id = t.wallet_id)
        UNION ALL SELECT 'fk:wallets.user_id', count(*)::text FROM monay.wallets t
            WHERE NOT EXISTS (SELECT FROM monay.users u WHERE u.id = t.user_id)
        UNION ALL SELECT 'fk:cards.user_id', count(*)::text FROM monay.cards t
            WHERE NOT EXISTS (SELECT FROM monay.users u WHERE u.id = t.user_id)
        UNION ALL SELECT 'fk:invoices.user_id', count(*)::text FROM monay.invoices t
            WHERE NOT EXISTS (SELECT FROM monay.users u WHERE u.id = t.user_id)$q$, v_orig);
    IF v_tenant THEN
        v_sql := v_sql || $q$
        UNION ALL SELECT 'tenant:wallets', count(*)::text FROM monay.wallets t
            WHERE t.tenant_id IS NULL OR NOT EXISTS (SELECT FROM monay.tenant_users m
                WHERE m.tenant_id = t.tenant_id AND m.user_id = t.user_id AND m.status = 'active')
        UNION ALL SELECT 'tenant:cards', count(*)::text FROM monay.cards t
            WHERE t.tenant_id IS NULL
               OR NOT EXISTS (SELECT FROM monay.wallets w WHERE w.id = t.wallet_id AND w.tenant_id = t.tenant_id)
               OR NOT EXISTS (SELECT FROM monay.tenant_users m
                   WHERE m.tenant_id = t.tenant_id AND m.user_id = t.user_id AND m.status = 'active')
        UNION ALL SELECT 'tenant:invoices', count(*)::text FROM monay.invoices t
            WHERE t.tenant_id IS NULL OR NOT EXISTS (SELECT FROM monay.tenant_users m
                WHERE m.tenant_id = t.tenant_id AND m.user_id = t.user_id AND m.status = 'active')$q$;
    END IF;
    IF v_swapped THEN
        v_sql := v_sql || $q$
        UNION ALL SELECT 'tenant:transactions', count(*)::text FROM monay.transactions t
            WHERE NOT EXISTS (SELECT FROM monay.wallets w WHERE w.tenant_id = t.tenant_id AND w.id = t.wallet_id)
        UNION ALL SELECT 'mirror:transactions', (CASE WHEN
               (count(*) FILTER (WHERE t.mirror_of IS NULL AND t.counterparty_tenant_id <> t.tenant_id),
                sum(hashtextextended(t.id::text, 0)) FILTER (WHERE t.mirror_of IS NULL AND t.counterparty_tenant_id <> t.tenant_id))
               IS NOT DISTINCT FROM
               (count(*) FILTER (WHERE t.mirror_of IS NOT NULL), sum(hashtextextended(t.mirror_of::text, 0)) FILTER (WHERE t.mirror_of IS NOT NULL))
               THEN 0 ELSE 1 END)::text
            FROM monay.transactions t
        UNION ALL SELECT 'sync:transactions', (CASE WHEN (o.n, o.h) IS NOT DISTINCT FROM (x.n_all, x.h_all) THEN 0 ELSE 1 END)::text
            FROM tables x, (SELECT count(*) AS n, sum(hash_record_extended(ROW(o.id, o.wallet_id, o.counterparty_wallet_id, o.kind,
                    o.amount_cents, o.status, o.description, o.created_at), 0)) AS h
                FROM monay_private.transactions_pre_tenancy o) o
            WHERE x.tbl = 'transactions'$q$;
    END IF;
    RETURN QUERY EXECUTE v_sql USING p_cutoff;
END;
$$;

COMMENT ON FUNCTION monay_private.legacy_verify_snapshot(timestamptz) IS
    'Counts, checksums of original columns, money sums, FK and tenant checks of the platform tables (any shape).';
REVOKE ALL ON FUNCTION monay_private.legacy_verify_snapshot(timestamptz) FROM PUBLIC;
