-- monay.authenticate: every token case by SQLSTATE, each refusal recorded durably.
BEGIN;
SELECT plan(40);

SELECT has_function('monay', 'authenticate', ARRAY['text'], 'authenticate(text) exists');
SELECT is_definer('monay', 'authenticate', ARRAY['text'], 'it is SECURITY DEFINER');

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.make_tenant('susp', 'free', NULL, 'suspended');
SELECT tests.make_tenant('shut', 'free', NULL, 'closed');
SELECT tests.add_member('a', 'a_gone');
UPDATE monay.tenant_users SET status = 'removed' WHERE user_id = tests.user_id('a_gone');
SELECT tests.make_user('mallory', 'disabled');
SELECT tests.add_member('a', 'mallory');

-- Tokens, minted as superuser (the app role cannot reach monay_private).
CREATE TEMP TABLE tok (name text PRIMARY KEY, token text);
GRANT SELECT ON tok TO PUBLIC;
CREATE FUNCTION pg_temp.tok(p_name text) RETURNS text LANGUAGE sql AS $$ SELECT token FROM tok WHERE name = p_name $$;
INSERT INTO tok VALUES
    ('valid',      tests.make_token(tests.user_id('a_owner'), tests.id('a'))),
    ('expired',    tests.make_token(tests.user_id('a_owner'), tests.id('a'), '-1 second')),
    ('not_yet',    tests.make_token(tests.user_id('a_owner'), tests.id('a'), '2 hours', p_nbf => clock_timestamp() + interval '1 hour')),
    ('wrong_key',  tests.make_token(tests.user_id('a_owner'), tests.id('a'), p_secret => 'another-secret-of-at-least-32-bytes!!')),
    ('alg_none',   tests.make_token(tests.user_id('a_owner'), tests.id('a'), p_alg => 'none')),
    ('alg_hs512',  tests.make_token(tests.user_id('a_owner'), tests.id('a'), p_alg => 'HS512')),
    ('non_member', tests.make_token(tests.user_id('a_owner'), tests.id('b'))),
    ('removed',    tests.make_token(tests.user_id('a_gone'), tests.id('a'))),
    ('suspended',  tests.make_token(tests.user_id('susp_owner'), tests.id('susp'))),
    ('closed',     tests.make_token(tests.user_id('shut_owner'), tests.id('shut'))),
    ('disabled',   tests.make_token(tests.user_id('mallory'), tests.id('a'))),
    ('unknown',    tests.make_token(gen_random_uuid(), tests.id('a'))),
    ('malformed',  'not-a-jwt'),
    ('garbage',    '!!!.@@@.###'),
    ('empty',      '');
-- Tampered: b's owner swaps the payload of a valid token (sub = a_owner) for their own claims.
INSERT INTO tok SELECT 'tampered',
    split_part(t.token, '.', 1) || '.' ||
    split_part(tests.make_token(tests.user_id('b_owner'), tests.id('b')), '.', 2) || '.' ||
    split_part(t.token, '.', 3)
FROM tok t WHERE t.name = 'valid';

SELECT tests.act_as_nobody();

-- The valid token.
SELECT is((monay.authenticate(pg_temp.tok('valid')) ->> 'role'), 'owner', 'a valid token authenticates (role owner)');
SELECT is(monay.current_tenant_id(), tests.id('a'), '... the tenant context is set');
SELECT is(monay.current_user_id(), tests.user_id('a_owner'), '... the user context is set');
SELECT ok(monay.tenant_code_is_valid(monay.authenticate(pg_temp.tok('valid')) ->> 'tenant_code'),
          '... and the result carries the tenant code');

-- Every refusal: its SQLSTATE, then (as superuser) its durable audit row,
-- which survived the rollback of throws_ok's savepoint.
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('expired')) $$, 'MT202', NULL, 'expired: MT202');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('not_yet')) $$, 'MT203', NULL, 'not yet valid (nbf): MT203');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('wrong_key')) $$, 'MT201', NULL, 'wrong secret: MT201');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('tampered')) $$, 'MT201', NULL, 'tampered payload: MT201');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('alg_none')) $$, 'MT201', NULL, 'alg none: MT201');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('alg_hs512')) $$, 'MT201', NULL, 'another algorithm (HS512): MT201');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('malformed')) $$, 'MT201', NULL, 'not a JWT: MT201');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('garbage')) $$, 'MT201', NULL, 'not base64url JSON: MT201');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('empty')) $$, 'MT201', NULL, 'empty token: MT201');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('non_member')) $$, 'MT204', NULL, 'not a member of the claimed tenant: MT204');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('removed')) $$, 'MT204', NULL, 'a removed member: MT204');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('suspended')) $$, 'MT205', NULL, 'a suspended tenant: MT205');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('closed')) $$, 'MT205', NULL, 'a closed tenant: MT205');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('disabled')) $$, 'MT208', NULL, 'a disabled user: MT208');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('unknown')) $$, 'MT208', NULL, 'an unknown user: MT208');
SELECT is(monay.current_user_id(), NULL, 'after the refusals no context is left behind');

SELECT tests.as_superuser();
SELECT is(tests.token_events(pg_temp.tok(n)), 1::bigint, n || ': the refusal left one durable audit row')
FROM unnest(ARRAY['expired', 'not_yet', 'wrong_key', 'tampered', 'alg_none', 'alg_hs512', 'malformed', 'garbage',
                  'empty', 'non_member', 'removed', 'suspended', 'closed', 'disabled', 'unknown']) AS n;
SELECT is(tests.token_events(pg_temp.tok('valid')), 0::bigint, 'the valid token left no refusal');
SELECT is((SELECT detail ->> 'sqlstate' || ' ' || (tenant_id = tests.id('b'))::text || ' ' || db_user
           FROM monay.audit_log WHERE action = 'auth_refused'
             AND detail ->> 'token_sha256' = encode(digest(pg_temp.tok('non_member'), 'sha256'), 'hex')),
          'MT204 true ' || session_user, 'the row names the SQLSTATE, the claimed tenant and the database user');

-- No secret configured.
UPDATE monay_private.jwt_secrets SET retired_at = now() WHERE retired_at IS NULL;
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.tok('valid')) $$, 'MT207', NULL, 'no JWT secret configured: MT207');

SELECT * FROM finish();
ROLLBACK;
