-- monay.list_wallets: the tenant's wallets, keyset-paged; errors; another tenant.
BEGIN;
SELECT plan(8);

SELECT tests.make_tenant('lw_a');
SELECT tests.make_tenant('lw_b');
SELECT tests.make_wallet('lw_a', 'lw_a' || i) FROM generate_series(1, 5) i;
SELECT tests.make_wallet('lw_b', 'lw_b1');

SELECT has_function('monay', 'list_wallets', ARRAY['uuid', 'integer'], 'list_wallets exists');
SELECT tests.act_as('lw_a');
SELECT is((SELECT count(*) FROM monay.list_wallets()), 5::bigint, 'all five wallets of the tenant');
SELECT is((SELECT count(*) FROM monay.list_wallets(NULL, 2)), 2::bigint, 'a page of two');
SELECT is((SELECT array_agg(id ORDER BY id) FROM (
               SELECT id FROM monay.list_wallets(NULL, 2)
               UNION ALL SELECT id FROM monay.list_wallets((SELECT max(id::text)::uuid FROM monay.list_wallets(NULL, 2)), 2)
               UNION ALL SELECT id FROM monay.list_wallets((SELECT max(id::text)::uuid FROM monay.list_wallets(NULL, 4)), 2)) p),
          (SELECT array_agg(id ORDER BY id) FROM monay.list_wallets()), 'three pages give every wallet once');
SELECT is((SELECT count(*) FROM monay.list_wallets() WHERE tenant_id <> tests.id('lw_a')), 0::bigint,
          'none of another tenant');
SELECT throws_ok($$ SELECT * FROM monay.list_wallets(NULL, 0) $$, '22023', NULL, 'a limit of 0 is refused (22023)');
SELECT tests.act_as('lw_b');
SELECT is((SELECT array_agg(id) FROM monay.list_wallets()), ARRAY[tests.wallet_id('lw_b1')], 'tenant b sees its one wallet');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT * FROM monay.list_wallets() $$, '42501', NULL, 'no context: refused (42501)');

SELECT * FROM finish();
ROLLBACK;
