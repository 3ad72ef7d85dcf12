-- monay_private.treasury_grant_spend: consumes the limit, refuses overspend, inactive and read-only grants,
-- other contexts. (Concurrent spends: tests/test_groups_concurrency.py.)
BEGIN;
SELECT plan(13);

SELECT tests.make_tenant('tgs_h', 'enterprise', 'holding_company');
SELECT tests.make_tenant('tgs_s1', 'small_business');
SELECT tests.make_tenant('tgs_s2', 'small_business');
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('h', tests.groups_holding('tgs_h', 'H')), ('w', tests.groups_wallet('tgs_h_owner', 'treasury'));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('tgs_s1'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('tgs_s2'), 'subsidiary');
INSERT INTO gg VALUES
    ('spend', tests.groups_grant((SELECT id FROM gg WHERE k = 'h'), (SELECT id FROM gg WHERE k = 'w'), tests.id('tgs_s1'), 'spend', 1000)),
    ('read', tests.groups_grant((SELECT id FROM gg WHERE k = 'h'), (SELECT id FROM gg WHERE k = 'w'), tests.id('tgs_s2'), 'read'));

SELECT is_definer('monay_private', 'treasury_grant_spend', ARRAY['uuid', 'bigint'], 'treasury_grant_spend is SECURITY DEFINER');

SELECT tests.act_as('tgs_s1');
SELECT tests.act_as_definer();
SELECT is(monay_private.treasury_grant_spend((SELECT id FROM gg WHERE k = 'spend'), 600) ->> 'remaining_cents', '400',
          'the grantee spends 600 of 1000');
SELECT throws_ok(format('SELECT monay_private.treasury_grant_spend(%L, 401)', (SELECT id FROM gg WHERE k = 'spend')),
                 'MG016', NULL, '401 more: MG016 (overspend refused)');
SELECT is(monay_private.treasury_grant_spend((SELECT id FROM gg WHERE k = 'spend'), 400) ->> 'spent_cents', '1000',
          'exactly the rest is fine');
SELECT throws_ok(format('SELECT monay_private.treasury_grant_spend(%L, 0)', (SELECT id FROM gg WHERE k = 'spend')),
                 '22023', NULL, 'zero cents: 22023');

SELECT tests.act_as('tgs_s2');
SELECT tests.act_as_definer();
SELECT throws_ok(format('SELECT monay_private.treasury_grant_spend(%L, 1)', (SELECT id FROM gg WHERE k = 'read')),
                 'MG017', NULL, 'a read grant: MG017');
SELECT throws_ok(format('SELECT monay_private.treasury_grant_spend(%L, 1)', (SELECT id FROM gg WHERE k = 'spend')),
                 'MG014', NULL, 'a sibling''s grant is invisible: MG014');

SELECT tests.act_as('tgs_h');
SELECT tests.act_as_definer();
SELECT throws_ok(format('SELECT monay_private.treasury_grant_spend(%L, 1)', (SELECT id FROM gg WHERE k = 'spend')),
                 '42501', NULL, 'the granting tenant is not the grantee: 42501');

SELECT tests.act_as_forger('tgs_s1');
SELECT tests.act_as_definer();
SELECT throws_ok(format('SELECT monay_private.treasury_grant_spend(%L, 1)', (SELECT id FROM gg WHERE k = 'spend')),
                 'MG014', NULL, 'a forged grantee context: MG014');

-- a fresh grant, then revoked / expired
SELECT tests.as_superuser();
UPDATE monay.treasury_access_grants SET spent_cents = 0 WHERE id = (SELECT id FROM gg WHERE k = 'spend');
UPDATE monay.treasury_access_grants SET expires_at = now() WHERE id = (SELECT id FROM gg WHERE k = 'spend');
SELECT tests.act_as('tgs_s1');
SELECT tests.act_as_definer();
SELECT throws_ok(format('SELECT monay_private.treasury_grant_spend(%L, 1)', (SELECT id FROM gg WHERE k = 'spend')),
                 'MG015', NULL, 'expired: MG015');
SELECT tests.as_superuser();
UPDATE monay.treasury_access_grants SET expires_at = now() + interval '1 day', revoked_at = now()
WHERE id = (SELECT id FROM gg WHERE k = 'spend');
SELECT tests.act_as('tgs_s1');
SELECT tests.act_as_definer();
SELECT throws_ok(format('SELECT monay_private.treasury_grant_spend(%L, 1)', (SELECT id FROM gg WHERE k = 'spend')),
                 'MG015', NULL, 'revoked: MG015');
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT throws_ok(format('SELECT monay_private.treasury_grant_spend(%L, 1)', (SELECT id FROM gg WHERE k = 'spend')),
                 'MG015', NULL, 'not even the platform spends through a revoked grant: MG015');
SELECT tests.act_as('tgs_s1');
SELECT throws_ok(format('SELECT monay_private.treasury_grant_spend(%L, 1)', (SELECT id FROM gg WHERE k = 'spend')),
                 '42501', NULL, 'the application role cannot call it directly');

SELECT * FROM finish();
ROLLBACK;
