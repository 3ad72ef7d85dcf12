-- monay.authenticate on hostile sizes and times: tokens capped at 8 KB, only bounded and
-- well-formed claim values in the undeletable audit log, exp/nbf outside 0 .. year 9999
-- refused with MT201 through the same (recorded) refusal path.
BEGIN;
SELECT plan(14);

SELECT tests.make_tenant('ab_a');
-- A token with any claims, signed with the test secret (or not).
CREATE FUNCTION pg_temp.ab_token(p_claims jsonb, p_secret text DEFAULT tests.secret()) RETURNS text LANGUAGE sql AS $$
    SELECT h || '.' || p || '.' || monay_private.base64url_encode(public.hmac(convert_to(h || '.' || p, 'UTF8'),
                                                                               convert_to(p_secret, 'UTF8'), 'sha256'))
    FROM (SELECT monay_private.base64url_encode(convert_to('{"alg":"HS256","typ":"JWT"}', 'UTF8')) AS h,
                 monay_private.base64url_encode(convert_to(p_claims::text, 'UTF8')) AS p) x
$$;
CREATE TEMP TABLE ab_tok (name text PRIMARY KEY, token text);
GRANT SELECT ON ab_tok TO PUBLIC;
INSERT INTO ab_tok VALUES
    ('huge', repeat('A', 1000000) || '.' || repeat('B', 10) || '.' || 'C'),
    ('long_sub', pg_temp.ab_token(jsonb_build_object('sub', repeat('x', 6000), 'tenant_id', tests.id('ab_a'), 'exp', 4000000000),
                                  'ab-not-the-secret-of-32-bytes-or-more')),
    ('object_sub', pg_temp.ab_token(jsonb_build_object('sub', jsonb_build_object('k', repeat('y', 100)),
                                                       'tenant_id', tests.id('ab_a'), 'exp', 4000000000),
                                    'ab-not-the-secret-of-32-bytes-or-more')),
    ('exp_huge', pg_temp.ab_token(jsonb_build_object('sub', tests.user_id('ab_a_owner'), 'tenant_id', tests.id('ab_a'),
                                                     'exp', 1e20))),
    ('exp_negative', pg_temp.ab_token(jsonb_build_object('sub', tests.user_id('ab_a_owner'), 'tenant_id', tests.id('ab_a'),
                                                         'exp', -1e20))),
    ('nbf_huge', pg_temp.ab_token(jsonb_build_object('sub', tests.user_id('ab_a_owner'), 'tenant_id', tests.id('ab_a'),
                                                     'exp', 4000000000, 'nbf', 1e20))),
    ('year_9999', pg_temp.ab_token(jsonb_build_object('sub', tests.user_id('ab_a_owner'), 'tenant_id', tests.id('ab_a'),
                                                      'exp', 253402300799)));
CREATE FUNCTION pg_temp.ab(p_name text) RETURNS text LANGUAGE sql AS $$ SELECT token FROM ab_tok WHERE name = p_name $$;
-- The recorded refusal of one token (durable rows, read as superuser).
CREATE FUNCTION pg_temp.ab_event(p_name text) RETURNS jsonb LANGUAGE sql AS $$
    SELECT detail FROM monay.audit_log WHERE action = 'auth_refused'
      AND detail ->> 'token_sha256' = encode(public.digest(pg_temp.ab(p_name), 'sha256'), 'hex')
    ORDER BY id DESC LIMIT 1
$$;

SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.ab('huge')) $$, 'MT201',
                 'invalid token: 1000013 bytes, at most 8192', 'a 1 MB token is refused before decoding (MT201, its size)');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.ab('long_sub')) $$, 'MT201', NULL,
                 'a forged token with a 6,000-character sub: MT201');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.ab('object_sub')) $$, 'MT201', NULL,
                 'a forged token whose sub is an object: MT201');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.ab('exp_huge')) $$, 'MT201',
                 'invalid token: claim exp 100000000000000000000 is outside 0 .. 253402300799 (year 9999)',
                 'a signed exp = 1e20: MT201 naming it (not 22008)');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.ab('exp_negative')) $$, 'MT201', NULL, 'exp = -1e20: MT201');
SELECT throws_ok($$ SELECT monay.authenticate(pg_temp.ab('nbf_huge')) $$, 'MT201', NULL, 'nbf = 1e20: MT201');
SELECT lives_ok($$ SELECT monay.authenticate(pg_temp.ab('year_9999')) $$, 'exp at the end of year 9999 is still a time');

SELECT tests.as_superuser();
SELECT is(pg_temp.ab_event('huge') - 'token_sha256',
          '{"reason": "invalid token: 1000013 bytes, at most 8192", "sqlstate": "MT201", "token_bytes": 1000013}'::jsonb,
          'the huge token is recorded by its hash and size only');
SELECT ok(octet_length(pg_temp.ab_event('long_sub')::text) < 1024, 'the long sub is not stored (the record stays small)');
SELECT ok(pg_temp.ab_event('long_sub') -> 'claimed_sub' = 'null'::jsonb
          AND pg_temp.ab_event('long_sub') ->> 'claimed_tenant_id' = tests.id('ab_a')::text,
          'a sub that is not a uuid is recorded as null; a well-formed tenant_id is kept');
SELECT ok(pg_temp.ab_event('object_sub') -> 'claimed_sub' = 'null'::jsonb, 'an object sub is recorded as null');
SELECT is(pg_temp.ab_event('exp_huge') ->> 'sqlstate', 'MT201', 'exp = 1e20 is recorded');
SELECT is(pg_temp.ab_event('exp_negative') ->> 'sqlstate', 'MT201', 'exp = -1e20 is recorded');
SELECT is(pg_temp.ab_event('nbf_huge') ->> 'claimed_sub', tests.user_id('ab_a_owner')::text,
          'nbf = 1e20 is recorded, with the (authentic) user');

SELECT * FROM finish();
ROLLBACK;
