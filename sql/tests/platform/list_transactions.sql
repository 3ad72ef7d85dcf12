-- monay.list_transactions: newest first, keyset-paged, per wallet; mirrors; errors; another tenant.
BEGIN;
SELECT plan(10);

SELECT tests.make_tenant('lt_a');
SELECT tests.make_tenant('lt_b');
SELECT tests.make_wallet('lt_a', 'lt_a1', 1000);
SELECT tests.make_wallet('lt_a', 'lt_a2');
SELECT tests.make_wallet('lt_b', 'lt_b1');
INSERT INTO monay.transactions (id, tenant_id, wallet_id, kind, amount_cents, status, created_at)
SELECT md5('lt-tx:' || i)::uuid, tests.id('lt_a'), tests.wallet_id(CASE WHEN i <= 4 THEN 'lt_a1' ELSE 'lt_a2' END),
       'deposit', i, 'completed', timestamptz '2026-01-01' + i * interval '1 hour'
FROM generate_series(1, 6) i;
-- a cross-tenant transfer from b to a: b's row and its mirror in a
INSERT INTO monay.transactions (id, tenant_id, wallet_id, counterparty_tenant_id, counterparty_wallet_id, kind,
    amount_cents, status, mirror_of, created_at) VALUES
    (md5('lt-x')::uuid, tests.id('lt_b'), tests.wallet_id('lt_b1'), tests.id('lt_a'), tests.wallet_id('lt_a2'),
     'transfer', 7, 'completed', NULL, '2026-01-02'),
    (md5('lt-x-mirror')::uuid, tests.id('lt_a'), tests.wallet_id('lt_a2'), tests.id('lt_b'), tests.wallet_id('lt_b1'),
     'transfer', 7, 'completed', md5('lt-x')::uuid, '2026-01-02');

SELECT has_function('monay', 'list_transactions', ARRAY['uuid', 'timestamp with time zone', 'uuid', 'integer'],
                    'list_transactions exists');
SELECT tests.act_as('lt_a');
SELECT is((SELECT array_agg(amount_cents) FROM monay.list_transactions(NULL, NULL, NULL, 3)), ARRAY[7, 6, 5]::bigint[],
          'newest first (the mirror is newest)');
SELECT is((SELECT array_agg(amount_cents) FROM monay.list_transactions(tests.wallet_id('lt_a1'))), ARRAY[4, 3, 2, 1]::bigint[],
          'one wallet''s transactions');
SELECT is((SELECT array_agg(amount_cents) FROM monay.list_transactions(tests.wallet_id('lt_a1'),
               timestamptz '2026-01-01' + interval '3 hours', md5('lt-tx:3')::uuid, 10)), ARRAY[2, 1]::bigint[],
          'the next page starts strictly after the cursor');
SELECT is((SELECT mirror_of FROM monay.list_transactions() WHERE amount_cents = 7), md5('lt-x')::uuid,
          'the recipient tenant sees the mirror of a cross-tenant transfer, linked to the original');
SELECT is((SELECT count(*) FROM monay.list_transactions() WHERE id = md5('lt-x')::uuid), 0::bigint,
          'but not the sender''s row');
SELECT throws_ok($$ SELECT * FROM monay.list_transactions(tests.wallet_id('lt_b1')) $$, 'MP001', NULL,
                 'another tenant''s wallet is not found (MP001)');
SELECT throws_ok($$ SELECT * FROM monay.list_transactions(NULL, now(), NULL) $$, '22023', NULL,
                 'half a cursor is refused (22023)');
SELECT tests.act_as('lt_b');
SELECT is((SELECT array_agg(id) FROM monay.list_transactions()), ARRAY[md5('lt-x')::uuid],
          'the sender''s tenant sees its own row only');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT * FROM monay.list_transactions() $$, '42501', NULL, 'no context: refused (42501)');

SELECT * FROM finish();
ROLLBACK;
