-- monay.rotate_jwt_secret: the previous secret stays accepted until the given time, then not; platform only.
BEGIN;
SELECT plan(15);

SELECT has_function('monay', 'rotate_jwt_secret', ARRAY['text', 'timestamp with time zone'],
                    'rotate_jwt_secret(text, timestamptz) exists');
SELECT is_definer('monay', 'rotate_jwt_secret', ARRAY['text', 'timestamp with time zone'], 'it is SECURITY DEFINER');

SELECT tests.make_tenant('rjs_a');
CREATE TEMP TABLE rjs_tok AS SELECT
    tests.make_token(tests.user_id('rjs_a_owner'), tests.id('rjs_a')) AS old_token,
    tests.make_token(tests.user_id('rjs_a_owner'), tests.id('rjs_a'), p_secret => 'rjs-second-secret-of-32-bytes-or-more') AS new_token,
    tests.make_token(tests.user_id('rjs_a_owner'), tests.id('rjs_a'), p_secret => 'rjs-third-secret-of-32-bytes-or-more!') AS third_token;
GRANT SELECT ON rjs_tok TO PUBLIC;

SELECT tests.act_as('rjs_a');
SELECT throws_ok($$ SELECT monay.rotate_jwt_secret('rjs-attacker-secret-of-32-bytes-or-more', now() + interval '1 hour') $$,
                 '42501', NULL, 'monay_app cannot execute it (42501)');
SELECT tests.act_as_tenant_job('rjs_a');
SELECT throws_ok($$ SELECT monay.rotate_jwt_secret('rjs-attacker-secret-of-32-bytes-or-more', now() + interval '1 hour') $$,
                 '42501', NULL, 'monay_platform outside the platform context cannot (42501)');

SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.rotate_jwt_secret('short', now() + interval '1 hour') $$, '22023', NULL, 'under 32 bytes: 22023');
SELECT throws_ok($$ SELECT monay.rotate_jwt_secret('rjs-second-secret-of-32-bytes-or-more', now()) $$, '22023', NULL,
                 'a window that is already over: 22023');
SELECT throws_ok($$ SELECT monay.rotate_jwt_secret('rjs-second-secret-of-32-bytes-or-more', now() + interval '31 days') $$,
                 '22023', NULL, 'a window over 30 days: 22023');
SELECT throws_ok($$ SELECT monay.rotate_jwt_secret(tests.secret(), now() + interval '1 hour') $$, '22023', NULL,
                 'the secret in use: 22023');
SELECT is(monay.rotate_jwt_secret('rjs-second-secret-of-32-bytes-or-more', now() + interval '1 hour') -> 'accepted_secrets',
          '2'::jsonb, 'rotated: two secrets accepted during the window');

SELECT tests.act_as_nobody();
SELECT lives_ok($$ SELECT monay.authenticate((SELECT new_token FROM rjs_tok)) $$, 'a token signed with the new secret is accepted');
SELECT lives_ok($$ SELECT monay.authenticate((SELECT old_token FROM rjs_tok)) $$,
                'a token signed with the previous secret is still accepted inside the window');

-- The window ends (moved into the past, as time would).
SELECT tests.as_superuser();
UPDATE monay_private.jwt_secrets SET retired_at = now() - interval '1 second' WHERE retired_at IS NOT NULL;
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.authenticate((SELECT old_token FROM rjs_tok)) $$, 'MT201', NULL,
                 'after the window the previous secret is refused (MT201)');
SELECT lives_ok($$ SELECT monay.authenticate((SELECT new_token FROM rjs_tok)) $$, 'the new one still works');

-- The next rotation deletes the secret whose window ended.
SELECT tests.act_as_platform();
SELECT is(monay.rotate_jwt_secret('rjs-third-secret-of-32-bytes-or-more!', now() + interval '10 minutes') -> 'accepted_secrets',
          '2'::jsonb, 'the next rotation keeps the current and the new secret, and deletes the expired one');
SELECT tests.as_superuser();
SELECT is((SELECT count(*) FROM monay_private.jwt_secrets WHERE secret = convert_to(tests.secret(), 'UTF8')), 0::bigint,
          'the expired secret is gone from the database (and from its dumps)');

SELECT * FROM finish();
ROLLBACK;
