-- monay.create_wallet: in the current tenant, owner a member, idempotent, tracked; every SQLSTATE.
BEGIN;
SELECT plan(17);

SELECT tests.make_tenant('cw_a');
SELECT tests.make_tenant('cw_b');
SELECT tests.add_member('cw_a', 'cw_a_member');
SELECT tests.make_user('cw_stranger');

SELECT has_function('monay', 'create_wallet', ARRAY['text', 'text', 'uuid'], 'create_wallet exists');
SELECT is_definer('monay', 'create_wallet', ARRAY['text', 'text', 'uuid'], 'create_wallet is SECURITY DEFINER');

SELECT tests.act_as('cw_a');
CREATE TEMP TABLE w1 ON COMMIT DROP AS SELECT (monay.create_wallet('EUR', 'cw-key-1')).*;
SELECT is((SELECT tenant_id FROM w1), tests.id('cw_a'), 'the wallet is in the current tenant');
SELECT is((SELECT user_id FROM w1), tests.user_id('cw_a_owner'), 'owned by the authenticated user');
SELECT is((SELECT (currency, balance_cents, status)::text FROM w1), '(EUR,0,active)', 'EUR, empty, active');
SELECT is((monay.create_wallet('EUR', 'cw-key-1')).id, (SELECT id FROM w1), 'a retry with the key returns the same wallet');
SELECT is((SELECT count(*) FROM monay.wallets WHERE tenant_id = tests.id('cw_a')), 1::bigint, 'and creates no other');
SELECT is((SELECT count(*) FROM monay.billing_operations o WHERE o.tenant_id = tests.id('cw_a')
           AND o.operation_type = 'wallet_create'), 1::bigint, 'tracked for billing once');
SELECT throws_ok($$ SELECT monay.create_wallet('USD', 'cw-key-1') $$, 'MP006', NULL,
                 'the same key for another currency is refused (MP006)');
SELECT throws_ok($$ SELECT monay.create_wallet('usd') $$, '22023', NULL, 'a malformed currency is refused (22023)');
SELECT throws_ok($$ SELECT monay.create_wallet('USD', NULL, tests.user_id('cw_a_member')) $$, '42501', NULL,
                 'a user cannot create a wallet for another member (42501)');

SELECT tests.act_as_tenant_job('cw_a');
SELECT is((monay.create_wallet('USD', NULL, tests.user_id('cw_a_member'))).user_id, tests.user_id('cw_a_member'),
          'a platform job in the tenant creates one for a member');
SELECT throws_ok($$ SELECT monay.create_wallet('USD', NULL, tests.user_id('cw_stranger')) $$, 'MP003', NULL,
                 'the owner must be an active member (MP003)');
SELECT throws_ok($$ SELECT monay.create_wallet('USD') $$, '22023', NULL, 'a platform job must name the owner (22023)');

SELECT tests.act_as('cw_b');
SELECT is((SELECT count(*) FROM monay.wallets WHERE tenant_id = tests.id('cw_a')), 0::bigint,
          'tenant b sees none of tenant a''s wallets');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.create_wallet('USD') $$, '42501', NULL, 'no context: refused (42501)');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.create_wallet('USD', NULL, tests.user_id('cw_a_owner')) $$, '42501', NULL,
                 'the platform context alone names no tenant (42501)');

SELECT * FROM finish();
ROLLBACK;
