-- monay_private.treasury_grant_allows: exactly the granted wallet, for exactly the grantee, until expiry or revocation.
-- Called as the owner (what a policy or a SECURITY DEFINER function does) in each context.
BEGIN;
SELECT plan(18);

SELECT tests.make_tenant('tga_h', 'enterprise', 'holding_company');
SELECT tests.make_tenant('tga_s1', 'small_business');
SELECT tests.make_tenant('tga_s2', 'small_business');
SELECT tests.make_tenant('tga_fam');
SELECT tests.make_tenant('tga_kid');
SELECT tests.make_tenant('tga_kid2');
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('h', tests.groups_holding('tga_h', 'H')), ('fam', tests.groups_household('tga_fam', 'Fam')),
                      ('w', tests.groups_wallet('tga_h_owner', 'treasury')), ('w2', tests.groups_wallet('tga_h_owner', 'other')),
                      ('fw', tests.groups_wallet('tga_fam_owner', 'family'));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('tga_s1'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('tga_s2'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'fam'), tests.user_id('tga_kid_owner'), 'child', 100);
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'fam'), tests.user_id('tga_kid2_owner'), 'child', 100);
INSERT INTO gg VALUES
    ('g1', tests.groups_grant((SELECT id FROM gg WHERE k = 'h'), (SELECT id FROM gg WHERE k = 'w'), tests.id('tga_s1'), 'read')),
    ('g2', tests.groups_grant((SELECT id FROM gg WHERE k = 'fam'), (SELECT id FROM gg WHERE k = 'fw'), tests.user_id('tga_kid_owner'), 'spend', 100));

CREATE FUNCTION pg_temp.allows(p_tenant text, p_wallet text, p_access text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE v boolean;
BEGIN
    PERFORM tests.act_as_definer();
    v := monay_private.treasury_grant_allows(tests.id(p_tenant), (SELECT id FROM gg WHERE k = p_wallet), p_access);
    RESET ROLE;
    RETURN v;
END $$;

SELECT is_definer('monay_private', 'treasury_grant_allows', ARRAY['uuid', 'uuid', 'text'], 'treasury_grant_allows is SECURITY DEFINER');

SELECT tests.act_as('tga_s1');
SELECT is(pg_temp.allows('tga_h', 'w', 'read'), true, 'the grantee tenant may read the granted wallet');
SELECT tests.act_as('tga_s1');
SELECT is(pg_temp.allows('tga_h', 'w', 'spend'), false, 'a read grant does not allow spending');
SELECT tests.act_as('tga_s1');
SELECT is(pg_temp.allows('tga_h', 'w2', 'read'), false, 'another wallet of the same owner: closed');
SELECT tests.act_as('tga_s1');
SELECT is(pg_temp.allows('tga_s1', 'w', 'read'), false, 'the wallet named under another tenant: closed');
SELECT tests.act_as('tga_s2');
SELECT is(pg_temp.allows('tga_h', 'w', 'read'), false, 'a sibling subsidiary: closed');
SELECT tests.act_as('tga_h');
SELECT is(pg_temp.allows('tga_h', 'w', 'read'), false, 'the granting tenant itself holds no grant (its own policies open its wallets)');

SELECT tests.act_as('tga_kid', 'tga_kid_owner');
SELECT is(pg_temp.allows('tga_fam', 'fw', 'spend'), true, 'the child (grantee user) may spend from the family wallet');
SELECT tests.act_as('tga_kid', 'tga_kid_owner');
SELECT is(pg_temp.allows('tga_fam', 'fw', 'read'), true, 'a spend grant also reads');
SELECT tests.act_as('tga_kid2', 'tga_kid2_owner');
SELECT is(pg_temp.allows('tga_fam', 'fw', 'read'), false, 'the other child: closed');

SELECT tests.act_as_nobody();
SELECT is(pg_temp.allows('tga_h', 'w', 'read'), false, 'no context: closed');
SELECT tests.act_as_forger('tga_s1');
SELECT is(pg_temp.allows('tga_h', 'w', 'read'), false, 'a forged context of the grantee: closed');
SELECT tests.act_as_tenant_job('tga_s1');
SELECT is(pg_temp.allows('tga_h', 'w', 'read'), true, 'a platform job inside the grantee tenant: open');

-- expiry and revocation
SELECT tests.as_superuser();
UPDATE monay.treasury_access_grants SET expires_at = now() WHERE id = (SELECT id FROM gg WHERE k = 'g1');
SELECT tests.act_as('tga_s1');
SELECT is(pg_temp.allows('tga_h', 'w', 'read'), false, 'expired (expires_at = now): closed');
SELECT tests.as_superuser();
UPDATE monay.treasury_access_grants SET expires_at = now() + interval '1 hour' WHERE id = (SELECT id FROM gg WHERE k = 'g1');
SELECT tests.act_as('tga_s1');
SELECT is(pg_temp.allows('tga_h', 'w', 'read'), true, 'extended: open again');
SELECT tests.act_as('tga_h');
SELECT monay.revoke_treasury_access((SELECT id FROM gg WHERE k = 'g1'));
SELECT tests.act_as('tga_s1');
SELECT is(pg_temp.allows('tga_h', 'w', 'read'), false, 'revoked: closed');

SELECT tests.act_as('tga_s1');
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.treasury_grant_allows(gen_random_uuid(), gen_random_uuid(), 'write') $$,
                 '22023', NULL, 'an unknown access: 22023');
SELECT tests.act_as('tga_s1');
SELECT throws_ok($$ SELECT monay_private.treasury_grant_allows(gen_random_uuid(), gen_random_uuid(), 'read') $$,
                 '42501', NULL, 'the application role cannot call it directly');

SELECT * FROM finish();
ROLLBACK;
