-- monay_demo.fund_wallet: demo only, a deposit into a wallet.
BEGIN;
SELECT plan(4);

SELECT tests.make_tenant('fw_a');
SELECT tests.make_wallet('fw_a', 'fw_w', 100);
SELECT is(monay_demo.fund_wallet(tests.id('fw_a'), tests.wallet_id('fw_w'), 900), 1000::bigint, 'the balance grows');
SELECT is((SELECT count(*) FROM monay.transactions WHERE tenant_id = tests.id('fw_a') AND kind = 'deposit'), 1::bigint,
          'with one deposit transaction');
SELECT throws_ok($$ SELECT monay_demo.fund_wallet(tests.id('fw_a'), tests.wallet_id('fw_w'), 0) $$, '22023', NULL,
                 'a non-positive amount is refused');
SELECT throws_ok($$ SELECT monay_demo.fund_wallet(tests.id('fw_a'), gen_random_uuid(), 5) $$, '22023', NULL,
                 'an unknown wallet is refused');

SELECT * FROM finish();
ROLLBACK;
