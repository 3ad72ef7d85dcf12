-- sql/functions/legacy/legacy_seed_transactions.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_seed_transactions(
    p_from    bigint
    , p_to    bigint
    , p_users integer
    , p_seed  integer DEFAULT 1
)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* `monaydb legacy seed`, one chunk: transactions number p_from to p_to - 1 of
   the wallets made by monay_private.legacy_seed_users(p_users, p_seed), set-based.
   30% transfers (half to the same user's other wallet, half to another
   user's: the cross-tenant case), payments, deposits, withdrawals, fees,
   refunds; every status (85% completed). Deterministic in (p_seed, n); the
   rows are valid by construction, so a superuser skips the foreign-key
   triggers for speed (session_replication_role = replica, this transaction
   only). Returns the rows inserted.
   Raises MP010 when migration 006 is applied, 22023 for a bad range. */
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = 'monay.wallets'::regclass
               AND a.attname = 'tenant_id' AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'legacy seed fills the pre-tenancy tables, and monay.wallets has tenant_id (migration 006 is applied)'
            USING ERRCODE = 'MP010', HINT = 'monaydb migrate down --to 005_billing_infrastructure';
    END IF;
    IF p_from IS NULL OR p_to IS NULL OR p_from < 1 OR p_to < p_from OR p_users IS NULL OR p_users < 1 THEN
        RAISE EXCEPTION 'legacy seed: bad transaction range [%, %) or users %', p_from, p_to, p_users
            USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.set_context(NULL, NULL, true);
    IF (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user) THEN
        PERFORM set_config('session_replication_role', 'replica', true);
    END IF;
    INSERT INTO monay.transactions (id, wallet_id, counterparty_wallet_id, kind, amount_cents, status, description, created_at)
    SELECT md5(format('legacy-tx:%s:%s', p_seed, g.t))::uuid,
           md5(format('legacy-wallet:%s:%s:%s', p_seed, g.u, g.j))::uuid,
           CASE WHEN g.kind <> 'transfer' THEN NULL
                WHEN g.h3 % 2 = 0 OR p_users = 1 THEN md5(format('legacy-wallet:%s:%s:%s', p_seed, g.u, (g.j + 1) % 3))::uuid
                ELSE md5(format('legacy-wallet:%s:%s:%s', p_seed, (g.u + g.h3 % (p_users - 1)) % p_users + 1, g.j))::uuid END,
           g.kind, 1 + g.h4 % 500000,
           CASE WHEN g.h5 % 100 < 85 THEN 'completed' WHEN g.h5 % 100 < 93 THEN 'pending'
                WHEN g.h5 % 100 < 98 THEN 'failed' ELSE 'reversed' END,
           CASE WHEN g.h5 % 4 = 0 THEN format('legacy #%s', g.t) END,
           timestamptz '2025-01-05 00:00:00+00' + g.t * interval '1 second'
    FROM (SELECT s.t, (2147483648 + hashint8(s.t * 8 + 1 + p_seed * 1000003::bigint)) % p_users + 1 AS u,
                 (2147483648 + hashint8(s.t * 8 + 2 + p_seed * 1000003::bigint)) % 3 AS j,
                 CASE WHEN k.h < 30 THEN 'transfer' WHEN k.h < 50 THEN 'payment' WHEN k.h < 70 THEN 'deposit'
                      WHEN k.h < 85 THEN 'withdrawal' WHEN k.h < 93 THEN 'fee' ELSE 'refund' END AS kind,
                 (2147483648 + hashint8(s.t * 8 + 4 + p_seed * 1000003::bigint)) AS h3,
                 (2147483648 + hashint8(s.t * 8 + 5 + p_seed * 1000003::bigint)) AS h4,
                 (2147483648 + hashint8(s.t * 8 + 6 + p_seed * 1000003::bigint)) AS h5
          FROM generate_series(p_from, p_to - 1) s (t)
          CROSS JOIN LATERAL (SELECT (2147483648 + hashint8(s.t * 8 + 3 + p_seed * 1000003::bigint)) % 100 AS h) k) g;
    RETURN p_to - p_from;
END;
$$;

COMMENT ON FUNCTION monay_private.legacy_seed_transactions(bigint, bigint, integer, integer) IS
    'legacy seed: one chunk of deterministic pre-tenancy transactions (set-based).';
REVOKE ALL ON FUNCTION monay_private.legacy_seed_transactions(bigint, bigint, integer, integer) FROM PUBLIC;
