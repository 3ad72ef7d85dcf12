-- sql/functions/legacy/legacy_seed_users.sql
CREATE OR REPLACE FUNCTION monay_private.legacy_seed_users(
    p_users  integer
    , p_seed integer DEFAULT 1
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* `monaydb legacy seed`, first part: p_users deterministic, plausible
   pre-tenancy users (set-based), each with three wallets (USD, EUR, USDC;
   a few frozen or closed), every second one a card on their USD wallet, and
   two invoices each in every status. Ids and values derive from (p_seed, n)
   only, so a seed is reproducible. Timestamps lie in 2025.
   Raises:
     MP010 the platform tables are tenant-scoped already (006 applied): the
           seed fills the pre-tenancy shape (`monaydb migrate down --to
           005_billing_infrastructure` first)
     MP011 the platform tables are not empty
     22023 p_users below 1 */
DECLARE
    v_n jsonb;
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = 'monay.wallets'::regclass
               AND a.attname = 'tenant_id' AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'legacy seed fills the pre-tenancy tables, and monay.wallets has tenant_id (migration 006 is applied)'
            USING ERRCODE = 'MP010', HINT = 'monaydb migrate down --to 005_billing_infrastructure';
    END IF;
    IF p_users IS NULL OR p_users < 1 THEN
        RAISE EXCEPTION 'legacy seed: users must be at least 1, not %', coalesce(p_users::text, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.set_context(NULL, NULL, true);
    IF EXISTS (SELECT FROM monay.wallets) OR EXISTS (SELECT FROM monay.transactions)
       OR EXISTS (SELECT FROM monay.cards) OR EXISTS (SELECT FROM monay.invoices) THEN
        RAISE EXCEPTION 'legacy seed: the platform tables already hold rows' USING ERRCODE = 'MP011';
    END IF;

    INSERT INTO monay.users (id, email, display_name, user_type, status, created_at, updated_at)
    SELECT md5(format('legacy-user:%s:%s', p_seed, i))::uuid, format('user%s.s%s@legacy.example', i, p_seed),
           format('Legacy User %s', i), CASE WHEN i % 10 = 0 THEN 'business' ELSE 'individual' END, 'active',
           timestamptz '2025-01-01 00:00:00+00' + i * interval '1 second',
           timestamptz '2025-01-01 00:00:00+00' + i * interval '1 second'
    FROM generate_series(1, p_users) i;

    INSERT INTO monay.wallets (id, user_id, currency, balance_cents, status, created_at)
    SELECT md5(format('legacy-wallet:%s:%s:%s', p_seed, i, j))::uuid, md5(format('legacy-user:%s:%s', p_seed, i))::uuid,
           (ARRAY['USD', 'EUR', 'USDC'])[j + 1], (2147483648 + hashint8(i * 7 + j + p_seed * 1000003::bigint)) % 10000000,
           CASE (2147483648 + hashint8(i * 11 + j + p_seed)) % 50 WHEN 0 THEN 'frozen' WHEN 1 THEN 'closed' ELSE 'active' END,
           timestamptz '2025-01-02 00:00:00+00' + i * interval '1 second'
    FROM generate_series(1, p_users) i CROSS JOIN generate_series(0, 2) j;

    INSERT INTO monay.cards (id, user_id, wallet_id, brand, last4, expires_on, status, spend_limit_cents, created_at)
    SELECT md5(format('legacy-card:%s:%s', p_seed, i))::uuid, md5(format('legacy-user:%s:%s', p_seed, i))::uuid,
           md5(format('legacy-wallet:%s:%s:%s', p_seed, i, 0))::uuid,
           (ARRAY['visa', 'mastercard', 'amex'])[1 + (2147483648 + hashint8(i + p_seed)) % 3],
           lpad(((2147483648 + hashint8(i * 3 + p_seed)) % 10000)::text, 4, '0'),
           date '2027-01-01' + ((2147483648 + hashint8(i * 5 + p_seed)) % 1000)::int,
           (ARRAY['active', 'active', 'active', 'frozen', 'cancelled'])[1 + (2147483648 + hashint8(i * 13 + p_seed)) % 5],
           CASE WHEN i % 3 = 0 THEN NULL ELSE ((2147483648 + hashint8(i * 17 + p_seed)) % 500000) END,
           timestamptz '2025-01-03 00:00:00+00' + i * interval '1 second'
    FROM generate_series(2, p_users, 2) i;

    INSERT INTO monay.invoices (id, user_id, invoice_number, customer_name, amount_cents, currency, status, due_date, created_at)
    SELECT md5(format('legacy-invoice:%s:%s:%s', p_seed, i, k))::uuid, md5(format('legacy-user:%s:%s', p_seed, i))::uuid,
           format('INV-%s-%s-%s', p_seed, i, k), format('Customer %s', (2147483648 + hashint8(i * 19 + k)) % 100000),
           (2147483648 + hashint8(i * 23 + k + p_seed)) % 2000000,
           (ARRAY['USD', 'EUR'])[1 + k],
           (ARRAY['draft', 'sent', 'paid', 'void', 'overdue'])[1 + (i + k) % 5],
           date '2025-02-01' + ((i + k) % 365),
           timestamptz '2025-01-04 00:00:00+00' + i * interval '1 second'
    FROM generate_series(1, p_users) i CROSS JOIN generate_series(0, 1) k;

    SELECT jsonb_build_object('users', p_users, 'wallets', p_users * 3, 'cards', p_users / 2,
                              'invoices', p_users * 2) INTO v_n;
    RETURN v_n;
END;
$$;

COMMENT ON FUNCTION monay_private.legacy_seed_users(integer, integer) IS
    'legacy seed: deterministic pre-tenancy users with wallets, cards and invoices (set-based).';
REVOKE ALL ON FUNCTION monay_private.legacy_seed_users(integer, integer) FROM PUBLIC;
