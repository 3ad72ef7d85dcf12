-- monay.share_treasury_access and monay.revoke_treasury_access: grants, rules, idempotency, errors, isolation.
BEGIN;
SELECT plan(22);

SELECT tests.make_tenant('sta_h', 'enterprise', 'holding_company');
SELECT tests.make_tenant('sta_s', 'small_business');
SELECT tests.make_tenant('sta_x', 'small_business');
SELECT tests.make_tenant('sta_fam');
SELECT tests.make_tenant('sta_kid');
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('h', tests.groups_holding('sta_h', 'H')), ('fam', tests.groups_household('sta_fam', 'Fam')),
                      ('w', tests.groups_wallet('sta_h_owner', 'treasury')), ('fw', tests.groups_wallet('sta_fam_owner', 'family')),
                      ('xw', tests.groups_wallet('sta_x_owner'));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('sta_s'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'fam'), tests.user_id('sta_kid_owner'), 'child', 500);

SELECT has_function('monay', 'share_treasury_access', ARRAY['uuid', 'uuid', 'uuid', 'text', 'bigint', 'timestamp with time zone', 'text'],
                    'share_treasury_access exists');
SELECT has_function('monay', 'revoke_treasury_access', ARRAY['uuid'], 'revoke_treasury_access exists');

SELECT tests.act_as('sta_h');
CREATE TEMP TABLE gr AS SELECT * FROM monay.share_treasury_access((SELECT id FROM gg WHERE k = 'h'), (SELECT id FROM gg WHERE k = 'w'),
    tests.id('sta_s'), 'spend', 10000, now() + interval '30 days', 'grant-1');
GRANT SELECT ON gr TO PUBLIC;
SELECT is((SELECT tenant_id || '/' || grantee_tenant_id || '/' || access || '/' || spend_limit_cents FROM gr),
          tests.id('sta_h') || '/' || tests.id('sta_s') || '/spend/10000', 'the holding opens its treasury wallet to a subsidiary');
SELECT is((SELECT id FROM monay.share_treasury_access((SELECT id FROM gg WHERE k = 'h'), (SELECT id FROM gg WHERE k = 'w'),
    tests.id('sta_s'), 'spend', 10000, (SELECT expires_at FROM gr), 'grant-1')), (SELECT id FROM gr), 'idempotent with its key');
SELECT throws_ok(format('SELECT monay.share_treasury_access(%L, %L, %L, %L, 1, %L, %L)', (SELECT id FROM gg WHERE k = 'h'),
                        (SELECT id FROM gg WHERE k = 'w'), tests.id('sta_s'), 'spend', now() + interval '1 day', 'grant-1'),
                 'MG019', NULL, 'the key reused for another grant: MG019');
SELECT throws_ok(format('SELECT monay.share_treasury_access(%L, %L, %L, %L, NULL, %L)', (SELECT id FROM gg WHERE k = 'h'),
                        (SELECT id FROM gg WHERE k = 'w'), tests.id('sta_x'), 'read', now() + interval '1 day'),
                 'MG009', NULL, 'a tenant that is not a member: MG009');
SELECT throws_ok(format('SELECT monay.share_treasury_access(%L, %L, %L, %L, NULL, %L)', (SELECT id FROM gg WHERE k = 'h'),
                        (SELECT id FROM gg WHERE k = 'xw'), tests.id('sta_s'), 'read', now() + interval '1 day'),
                 'MG013', NULL, 'a wallet that is not the owner''s: MG013');
SELECT throws_ok(format('SELECT monay.share_treasury_access(%L, %L, %L, %L, NULL, %L)', (SELECT id FROM gg WHERE k = 'h'),
                        (SELECT id FROM gg WHERE k = 'w'), tests.id('sta_s'), 'admin', now() + interval '1 day'),
                 '22023', NULL, 'an unknown access: 22023');
SELECT throws_ok(format('SELECT monay.share_treasury_access(%L, %L, %L, %L, NULL, %L)', (SELECT id FROM gg WHERE k = 'h'),
                        (SELECT id FROM gg WHERE k = 'w'), tests.id('sta_s'), 'spend', now() + interval '1 day'),
                 '22023', NULL, 'a spend grant without a limit: 22023');
SELECT throws_ok(format('SELECT monay.share_treasury_access(%L, %L, %L, %L, 5, %L)', (SELECT id FROM gg WHERE k = 'h'),
                        (SELECT id FROM gg WHERE k = 'w'), tests.id('sta_s'), 'read', now() + interval '1 day'),
                 '22023', NULL, 'a read grant with a limit: 22023');
SELECT throws_ok(format('SELECT monay.share_treasury_access(%L, %L, %L, %L, NULL, %L)', (SELECT id FROM gg WHERE k = 'h'),
                        (SELECT id FROM gg WHERE k = 'w'), tests.id('sta_s'), 'read', now() - interval '1 second'),
                 '22023', NULL, 'an expiry in the past: 22023');

-- the setting
SELECT tests.act_as_platform();
SELECT monay.set_setting('HOLDING_COMPANY_TREASURY', 'false');
SELECT tests.act_as('sta_h');
SELECT throws_ok(format('SELECT monay.share_treasury_access(%L, %L, %L, %L, NULL, %L)', (SELECT id FROM gg WHERE k = 'h'),
                        (SELECT id FROM gg WHERE k = 'w'), tests.id('sta_s'), 'read', now() + interval '1 day'),
                 'MG012', NULL, 'HOLDING_COMPANY_TREASURY off: MG012');

-- households: a child reads and spends the family wallet
SELECT tests.act_as('sta_fam');
SELECT is((SELECT grantee_user_id FROM monay.share_treasury_access((SELECT id FROM gg WHERE k = 'fam'), (SELECT id FROM gg WHERE k = 'fw'),
          tests.user_id('sta_kid_owner'), 'spend', 500, now() + interval '7 days')), tests.user_id('sta_kid_owner'),
          'a household opens the family wallet to a child');

-- who sees grants
SELECT tests.act_as('sta_s');
SELECT is((SELECT count(*) FROM monay.treasury_access_grants), 1::bigint, 'the grantee sees its grant');
SELECT throws_ok(format('SELECT monay.revoke_treasury_access(%L)', (SELECT id FROM gr)), '42501', NULL,
                 'the grantee cannot revoke it: 42501');
SELECT tests.act_as('sta_x');
SELECT is((SELECT count(*) FROM monay.treasury_access_grants), 0::bigint, 'another tenant sees no grant');
SELECT throws_ok(format('SELECT monay.revoke_treasury_access(%L)', (SELECT id FROM gr)), 'MG014', NULL,
                 'nor can it revoke one: MG014');
SELECT tests.act_as_forger('sta_s');
SELECT is((SELECT count(*) FROM monay.treasury_access_grants), 0::bigint, 'a forged context sees no grant');

-- revocation
SELECT tests.act_as('sta_h');
SELECT isnt((SELECT revoked_at FROM monay.revoke_treasury_access((SELECT id FROM gr))), NULL, 'the owner revokes');
SELECT is((SELECT revoked_at FROM monay.revoke_treasury_access((SELECT id FROM gr))),
          (SELECT revoked_at FROM monay.treasury_access_grants WHERE id = (SELECT id FROM gr)), 'again: a no-op');
SELECT throws_ok($$ SELECT monay.revoke_treasury_access(NULL) $$, '22023', NULL, 'NULL: 22023');
SELECT tests.act_as('sta_s');
SELECT throws_ok(format('SELECT monay.share_treasury_access(%L, %L, %L, %L, NULL, %L)', (SELECT id FROM gg WHERE k = 'h'),
                        (SELECT id FROM gg WHERE k = 'w'), tests.id('sta_s'), 'read', now() + interval '1 day'),
                 '42501', NULL, 'a subsidiary cannot share the holding''s wallet: 42501');

SELECT * FROM finish();
ROLLBACK;
