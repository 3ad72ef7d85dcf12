-- The four platform tables after 006: tenant policies, composite keys, per-tenant
-- uniqueness, no writes or LOCK by the application, cross-tenant transfers as mirrors.
-- Each attack found on the pre-tenancy tables is replayed here and must fail.
BEGIN;
SELECT plan(21);

SELECT tests.make_tenant('pt_a');
SELECT tests.make_tenant('pt_b');
SELECT tests.add_member('pt_b', 'pt_a_owner', 'owner');   -- the same user owns both tenants
SELECT tests.make_wallet('pt_a', 'pt_a1', 100);
SELECT tests.make_wallet('pt_b', 'pt_b1', 100, 'USD', 'active', 'pt_a_owner');

-- Shape
SELECT policies_are('monay', t, ARRAY[t || '_select', t || '_insert', t || '_update', t || '_delete'],
                    t || ': one tenant policy per command')
FROM unnest(ARRAY['wallets', 'cards', 'invoices', 'transactions']) t;
SELECT is((SELECT array_agg(a.attname::text ORDER BY k.n) FROM pg_constraint c
           CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k (attnum, n)
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
           WHERE c.conname = 'cards_wallet_fkey'), ARRAY['tenant_id', 'wallet_id'],
          'a card references its wallet by (tenant_id, wallet_id)');
SELECT ok((SELECT c.relkind = 'p' FROM pg_class c WHERE c.oid = 'monay.transactions'::regclass),
          'transactions is partitioned (by hash of tenant_id)');

-- Attack 1: the application's UPDATE grant let it LOCK the tables and stop every tenant.
SELECT ok(NOT has_table_privilege('monay_app', 'monay.' || t, 'INSERT,UPDATE,DELETE,TRUNCATE'),
          'monay_app cannot write monay.' || t || ' directly (functions only)')
FROM unnest(ARRAY['wallets', 'cards', 'invoices', 'transactions']) t;
SELECT tests.act_as('pt_a');
SELECT throws_ok($$ LOCK TABLE monay.wallets IN ACCESS EXCLUSIVE MODE $$, '42501', NULL,
                 'monay_app cannot LOCK wallets IN ACCESS EXCLUSIVE MODE');
SELECT throws_ok($$ LOCK TABLE monay.transactions IN EXCLUSIVE MODE $$, '42501', NULL,
                 'monay_app cannot LOCK transactions IN EXCLUSIVE MODE');

-- Attack 2: a card bound to another tenant's wallet (foreign keys bypass RLS): even
-- with the right wallet id, even as superuser, the composite key refuses it.
SELECT tests.as_superuser();
SELECT throws_ok(format($$ INSERT INTO monay.cards (tenant_id, user_id, wallet_id, brand, last4, expires_on)
                           VALUES (%L, %L, %L, 'visa', '4242', '2030-01-01') $$,
                        tests.id('pt_a'), tests.user_id('pt_a_owner'), tests.wallet_id('pt_b1')),
                 '23503', NULL, 'a card of tenant a cannot reference tenant b''s wallet, even by id');
SELECT throws_ok(format($$ INSERT INTO monay.transactions (tenant_id, wallet_id, kind, amount_cents)
                           VALUES (%L, %L, 'deposit', 1) $$, tests.id('pt_a'), tests.wallet_id('pt_b1')),
                 '23503', NULL, 'a transaction of tenant a cannot reference tenant b''s wallet');
SELECT lives_ok(format($$ INSERT INTO monay.cards (tenant_id, user_id, wallet_id, brand, last4, expires_on)
                          VALUES (%L, %L, %L, 'visa', '4242', '2030-01-01') $$,
                       tests.id('pt_a'), tests.user_id('pt_a_owner'), tests.wallet_id('pt_a1')),
                'a card of tenant a on tenant a''s wallet is fine');

-- Attack 3: a wallet of tenant B was visible and updatable from tenant A by the same user.
SELECT tests.act_as('pt_a');
SELECT is((SELECT count(*) FROM monay.wallets WHERE id = tests.wallet_id('pt_b1')), 0::bigint,
          'in tenant a''s context the same user does not see their wallet of tenant b');
-- (what a definer function may update in another tenant: sql/tests/tenancy/isolation_matrix.sql)
SELECT tests.act_as('pt_b');
SELECT is((SELECT count(*) FROM monay.wallets WHERE id = tests.wallet_id('pt_b1')), 1::bigint,
          'in tenant b''s context it is there');

-- Attack 4: invoice_number unique across everyone (squatting, existence probing).
SELECT tests.as_superuser();
SELECT lives_ok(format($$ INSERT INTO monay.invoices (tenant_id, user_id, invoice_number, customer_name, amount_cents)
                          VALUES (%L, %L, 'INV-1', 'x', 1), (%L, %L, 'INV-1', 'y', 2) $$,
                       tests.id('pt_a'), tests.user_id('pt_a_owner'), tests.id('pt_b'), tests.user_id('pt_a_owner')),
                'two tenants may both use invoice number INV-1');
SELECT throws_ok(format($$ INSERT INTO monay.invoices (tenant_id, user_id, invoice_number, customer_name, amount_cents)
                           VALUES (%L, %L, 'INV-1', 'z', 3) $$, tests.id('pt_a'), tests.user_id('pt_a_owner')),
                 '23505', NULL, 'within one tenant the number stays unique');

-- Cross-tenant transfers: each tenant sees only the row in its own tenant.
INSERT INTO monay.transactions (id, tenant_id, wallet_id, counterparty_tenant_id, counterparty_wallet_id, kind,
    amount_cents, status, mirror_of) VALUES
    (md5('pt-x')::uuid, tests.id('pt_a'), tests.wallet_id('pt_a1'), tests.id('pt_b'), tests.wallet_id('pt_b1'),
     'transfer', 5, 'completed', NULL),
    (md5('pt-x-m')::uuid, tests.id('pt_b'), tests.wallet_id('pt_b1'), tests.id('pt_a'), tests.wallet_id('pt_a1'),
     'transfer', 5, 'completed', md5('pt-x')::uuid);
SELECT tests.act_as('pt_a');
SELECT is((SELECT array_agg(id) FROM monay.transactions), ARRAY[md5('pt-x')::uuid],
          'the sender''s tenant sees the original only');
SELECT tests.act_as('pt_b');
SELECT is((SELECT array_agg(mirror_of) FROM monay.transactions), ARRAY[md5('pt-x')::uuid],
          'the recipient''s tenant sees the mirror only, linked to the original');

SELECT * FROM finish();
ROLLBACK;
