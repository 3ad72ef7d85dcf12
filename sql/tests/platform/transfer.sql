-- monay.transfer: atomic, idempotent, never negative, tracked, tenant-scoped; every SQLSTATE.
BEGIN;
SELECT plan(29);

SELECT tests.make_tenant('tr_a');
SELECT tests.make_tenant('tr_b');
SELECT tests.make_wallet('tr_a', 'tr_a1', 1000);
SELECT tests.make_wallet('tr_a', 'tr_a2', 0);
SELECT tests.make_wallet('tr_a', 'tr_a_eur', 500, 'EUR');
SELECT tests.make_wallet('tr_a', 'tr_a_frozen', 500, 'USD', 'frozen');
SELECT tests.make_wallet('tr_b', 'tr_b1', 1000);

SELECT has_function('monay', 'transfer', ARRAY['uuid', 'uuid', 'bigint', 'text', 'text'], 'transfer exists');
SELECT is_definer('monay', 'transfer', ARRAY['uuid', 'uuid', 'bigint', 'text', 'text'], 'transfer is SECURITY DEFINER');

-- What it does
SELECT tests.act_as('tr_a');
CREATE TEMP TABLE r1 ON COMMIT DROP AS
SELECT monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a2'), 300, 'tr-key-1', 'rent') AS v;
SELECT is((SELECT v ->> 'duplicate' FROM r1), 'false', 'a first transfer is not a duplicate');
SELECT is((SELECT (v ->> 'from_balance_cents')::bigint FROM r1), 700::bigint, 'the sender has 300 less');
SELECT is(tests.wallet_balance('tr_a1'), 700::bigint, 'the sender''s balance is stored');
SELECT is(tests.wallet_balance('tr_a2'), 300::bigint, 'the recipient''s balance is stored');
SELECT is((SELECT count(*) FROM monay.transactions t WHERE t.id = (SELECT (v ->> 'transaction_id')::uuid FROM r1)
           AND t.kind = 'transfer' AND t.status = 'completed' AND t.tenant_id = tests.id('tr_a')
           AND t.counterparty_tenant_id = tests.id('tr_a') AND t.amount_cents = 300), 1::bigint,
          'one completed transfer row in the tenant, both sides in it');
SELECT is((SELECT count(*) FROM monay.billing_operations o WHERE o.tenant_id = tests.id('tr_a')
           AND o.operation_type = 'transfer'), 1::bigint, 'the transfer is tracked for billing, once');

-- Idempotency
SELECT is((monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a2'), 300, 'tr-key-1') ->> 'transaction_id'),
          (SELECT v ->> 'transaction_id' FROM r1), 'a retry with the key returns the first transfer');
SELECT is((monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a2'), 300, 'tr-key-1') ->> 'duplicate'),
          'true', 'and says duplicate');
SELECT is(tests.wallet_balance('tr_a1'), 700::bigint, 'a retry moves nothing');
SELECT is((SELECT count(*) FROM monay.billing_operations o WHERE o.tenant_id = tests.id('tr_a')
           AND o.operation_type = 'transfer'), 1::bigint, 'a retry tracks nothing more');
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a2'), 301, 'tr-key-1') $$,
                 'MP006', NULL, 'the same key with another amount is refused (MP006)');

-- Errors, each leaving the balances alone
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a2'), 701, 'tr-key-2') $$,
                 'MP002', NULL, 'more than the balance is refused (MP002)');
SELECT is(tests.wallet_balance('tr_a1'), 700::bigint, 'an overdraft attempt changes nothing');
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_a_frozen'), tests.wallet_id('tr_a2'), 1, 'tr-key-3') $$,
                 'MP004', NULL, 'a frozen wallet cannot send (MP004)');
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a_eur'), 1, 'tr-key-4') $$,
                 'MP005', NULL, 'different currencies are refused (MP005)');
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_b1'), 1, 'tr-key-5') $$,
                 'MP001', NULL, 'another tenant''s wallet is not found, even by its id (MP001)');
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_b1'), tests.wallet_id('tr_a2'), 1, 'tr-key-6') $$,
                 'MP001', NULL, 'another tenant''s wallet cannot send either (MP001)');
SELECT is(tests.wallet_balance('tr_b1'), 1000::bigint, 'tenant b''s wallet is untouched');
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a2'), 0, 'tr-key-7') $$,
                 '22023', NULL, 'a zero amount is refused (22023)');
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a1'), 1, 'tr-key-8') $$,
                 '22023', NULL, 'the same wallet twice is refused (22023)');
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a2'), 1, NULL) $$,
                 '22023', NULL, 'a transfer without an idempotency key is refused (22023)');

-- Another tenant, no context, a forged one, the platform context alone
SELECT tests.act_as('tr_b');
SELECT is((SELECT count(*) FROM monay.transactions t WHERE t.tenant_id = tests.id('tr_a')), 0::bigint,
          'tenant b sees none of tenant a''s transfers');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a2'), 1, 'tr-key-9') $$,
                 '42501', NULL, 'no context: refused (42501)');
SELECT tests.act_as_forger('tr_a');
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a2'), 1, 'tr-key-10') $$,
                 '42501', NULL, 'a forged context: refused (42501)');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.transfer(tests.wallet_id('tr_a1'), tests.wallet_id('tr_a2'), 1, 'tr-key-11') $$,
                 '42501', NULL, 'the platform context names no tenant: refused (42501)');
SELECT tests.act_as_tenant_job('tr_a');
SELECT is((monay.transfer(tests.wallet_id('tr_a2'), tests.wallet_id('tr_a1'), 100, 'tr-key-12') ->> 'to_balance_cents'),
          '800', 'a platform job inside the tenant may transfer');
SELECT tests.as_superuser();
SELECT is(tests.wallet_balance('tr_a1') + tests.wallet_balance('tr_a2') + tests.wallet_balance('tr_a_eur')
          + tests.wallet_balance('tr_a_frozen'), 2000::bigint, 'money is conserved in tenant a');

SELECT * FROM finish();
ROLLBACK;
