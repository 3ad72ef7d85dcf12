-- monay.spend_from_treasury and the treasury grants' RLS on wallets and transactions (017):
-- a grant opens exactly its wallet to exactly its grantee until revoked or expired; a spend
-- debits the owner's wallet within the limit, idempotently, tracked in the owner's tenant.
BEGIN;
SELECT plan(20);

SELECT tests.billing_tenant('sft_h', 'enterprise');
SELECT tests.billing_tenant('sft_s1', 'small_business');
SELECT tests.billing_tenant('sft_s2', 'small_business');
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('h', tests.groups_holding('sft_h', 'H')), ('w', tests.groups_wallet('sft_h_owner', 'treasury')),
                      ('w2', tests.groups_wallet('sft_h_owner', 'other'));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('sft_s1'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('sft_s2'), 'subsidiary');
INSERT INTO gg VALUES
    ('spend', tests.groups_grant((SELECT id FROM gg WHERE k = 'h'), (SELECT id FROM gg WHERE k = 'w'), tests.id('sft_s1'), 'spend', 5000)),
    ('read', tests.groups_grant((SELECT id FROM gg WHERE k = 'h'), (SELECT id FROM gg WHERE k = 'w'), tests.id('sft_s2'), 'read'));

SELECT is_definer('monay', 'spend_from_treasury', ARRAY['uuid', 'bigint', 'text', 'text'], 'spend_from_treasury is SECURITY DEFINER');
SELECT throws_ok($$ INSERT INTO monay.treasury_access_grants (tenant_id, group_id, wallet_id, grantee_tenant_id, access, expires_at)
                    VALUES (tests.id('sft_h'), (SELECT id FROM gg WHERE k = 'h'), tests.wallet_id('nowhere'), tests.id('sft_s1'), 'read', now() + interval '1 day') $$,
                 '23503', NULL, 'a grant can only open a wallet of the granting tenant (composite foreign key)');

-- What the grants open, under RLS, as the application role.
SELECT tests.act_as('sft_s1');
SELECT results_eq($$ SELECT id FROM monay.wallets WHERE tenant_id = tests.id('sft_h') $$,
                  $$ SELECT id FROM gg WHERE k = 'w' $$, 'the grantee sees the granted wallet, not the owner''s other one');
SELECT tests.act_as('sft_s2');
SELECT results_eq($$ SELECT id FROM monay.wallets WHERE tenant_id = tests.id('sft_h') $$,
                  $$ SELECT id FROM gg WHERE k = 'w' $$, 'a read grant opens it too');
SELECT tests.act_as_forger('sft_s1');
SELECT is_empty($$ SELECT 1 FROM monay.wallets $$, 'a forged grantee context sees nothing');

-- Spending.
SELECT tests.act_as('sft_s1');
CREATE TEMP TABLE s1 ON COMMIT DROP AS
SELECT monay.spend_from_treasury((SELECT id FROM gg WHERE k = 'spend'), 1200, 'lunch-1', 'team lunch') AS v;
GRANT SELECT ON s1 TO PUBLIC;
SELECT is((SELECT (v ->> 'balance_cents')::bigint FROM s1), 100000 - 1200::bigint, 'the wallet is debited');
SELECT is((SELECT (v ->> 'remaining_cents')::bigint FROM s1), 3800::bigint, 'the grant has 3800 left');
SELECT is(monay.spend_from_treasury((SELECT id FROM gg WHERE k = 'spend'), 1200, 'lunch-1') ->> 'duplicate', 'true',
          'a retry with the same key spends nothing');
SELECT throws_ok(format('SELECT monay.spend_from_treasury(%L, 1300, %L)', (SELECT id FROM gg WHERE k = 'spend'), 'lunch-1'),
                 'MP006', NULL, 'the same key with another amount: MP006');
SELECT throws_ok(format('SELECT monay.spend_from_treasury(%L, 3801, %L)', (SELECT id FROM gg WHERE k = 'spend'), 'big'),
                 'MG016', NULL, 'over what is left: MG016, the overspend refused');
SELECT is((SELECT count(*) FROM monay.transactions WHERE tenant_id = tests.id('sft_h')), 1::bigint,
          'the grantee sees the one payment on the granted wallet');
SELECT throws_ok(format('SELECT monay.spend_from_treasury(%L, 0, %L)', (SELECT id FROM gg WHERE k = 'spend'), 'z'),
                 '22023', NULL, 'zero cents: 22023');

SELECT tests.act_as('sft_s2');
SELECT throws_ok(format('SELECT monay.spend_from_treasury(%L, 10, %L)', (SELECT id FROM gg WHERE k = 'read'), 'r'),
                 'MG017', NULL, 'a read grant cannot spend: MG017');
SELECT throws_ok(format('SELECT monay.spend_from_treasury(%L, 10, %L)', (SELECT id FROM gg WHERE k = 'spend'), 'r'),
                 'MG014', NULL, 'a sibling''s grant is invisible: MG014');
SELECT tests.act_as('sft_h');
SELECT throws_ok(format('SELECT monay.spend_from_treasury(%L, 10, %L)', (SELECT id FROM gg WHERE k = 'spend'), 'o'),
                 '42501', NULL, 'the granting tenant is not the grantee: 42501');
SELECT is(tests.wallet_balance('sft_h_owner:treasury'), 98800::bigint, 'refused spends moved nothing');

-- Revoked: the wallet is closed again.
SELECT tests.as_superuser();
UPDATE monay.treasury_access_grants SET revoked_at = now() WHERE id = (SELECT id FROM gg WHERE k = 'spend');
SELECT tests.act_as('sft_s1');
SELECT is_empty($$ SELECT 1 FROM monay.wallets WHERE tenant_id = tests.id('sft_h') $$, 'a revoked grant shows nothing');
SELECT is_empty($$ SELECT 1 FROM monay.transactions WHERE tenant_id = tests.id('sft_h') $$, 'nor its transactions');
SELECT throws_ok(format('SELECT monay.spend_from_treasury(%L, 10, %L)', (SELECT id FROM gg WHERE k = 'spend'), 'late'),
                 'MG015', NULL, 'nor lets it spend (the grantee still sees its revoked grant: MG015)');
SELECT tests.as_superuser();
SELECT is((SELECT sum(operations)::bigint FROM monay_private.billing_usage_counters
           WHERE tenant_id = tests.id('sft_h')), 1::bigint, 'the spend is tracked once, in the owner''s tenant');

SELECT * FROM finish();
ROLLBACK;
