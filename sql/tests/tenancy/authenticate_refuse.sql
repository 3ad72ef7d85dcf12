-- monay_private.authenticate_refuse: the refusal path of monay.authenticate, called directly.
-- It raises the SQLSTATE and message it is given, records only bounded, well-shaped values
-- (the token's hash and size; alg, sub and tenant_id only when they have the expected shape),
-- and the application role cannot call it.
BEGIN;
SELECT plan(8);

SELECT tests.make_tenant('ar_a');
CREATE FUNCTION pg_temp.ar_event(p_token text) RETURNS jsonb LANGUAGE sql AS $$
    SELECT detail FROM monay.audit_log WHERE action = 'auth_refused'
      AND detail ->> 'token_sha256' = encode(public.digest(p_token, 'sha256'), 'hex')
    ORDER BY id DESC LIMIT 1
$$;

SELECT isnt_definer('monay_private', 'authenticate_refuse',
                    ARRAY['text', 'text', 'text', 'jsonb', 'jsonb', 'uuid', 'uuid'],
                    'authenticate_refuse runs as its caller (only authenticate, a definer, calls it)');
SELECT ok(NOT has_function_privilege('monay_app',
              'monay_private.authenticate_refuse(text, text, text, jsonb, jsonb, uuid, uuid)', 'EXECUTE'),
          'monay_app cannot call authenticate_refuse');

SELECT throws_ok($$ SELECT monay_private.authenticate_refuse('MT201', 'invalid token: ar-undecoded', 'ar-token-1',
                                                             NULL, NULL) $$,
                 'MT201', 'invalid token: ar-undecoded', 'it raises the SQLSTATE and message it is given');
SELECT is(pg_temp.ar_event('ar-token-1') - 'token_sha256',
          '{"reason": "invalid token: ar-undecoded", "sqlstate": "MT201", "token_bytes": 10}'::jsonb,
          'an undecoded token is recorded by its hash and size only');

SELECT throws_ok(format($$ SELECT monay_private.authenticate_refuse('MT202', 'ar-decoded', 'ar-token-2',
                               '{"alg": "HS256"}', %L) $$,
                        jsonb_build_object('sub', tests.user_id('ar_a_owner'), 'tenant_id', tests.id('ar_a'))),
                 'MT202', 'ar-decoded', 'a decoded token: the given SQLSTATE');
SELECT is(pg_temp.ar_event('ar-token-2') -> 'claimed_sub', to_jsonb(tests.user_id('ar_a_owner')::text),
          'a decoded token: its uuid-shaped sub is recorded');

SELECT throws_ok($$ SELECT monay_private.authenticate_refuse('MT201', 'ar-bad-shapes', 'ar-token-3',
                       '{"alg": "HS256; DROP TABLE x"}', '{"sub": {"k": 1}, "tenant_id": "not-a-uuid"}') $$,
                 'MT201', 'ar-bad-shapes', 'claims of the wrong shape: the given SQLSTATE');
SELECT is(jsonb_build_array(pg_temp.ar_event('ar-token-3') -> 'alg', pg_temp.ar_event('ar-token-3') -> 'claimed_sub',
                            pg_temp.ar_event('ar-token-3') -> 'claimed_tenant_id'),
          '[null, null, null]'::jsonb, 'values of the wrong shape are recorded as null, never stored');

SELECT * FROM finish();
ROLLBACK;
