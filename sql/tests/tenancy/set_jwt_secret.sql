-- monay.set_jwt_secret: platform only, at least 32 bytes, the previous secret retired at once.
BEGIN;
SELECT plan(9);

SELECT has_function('monay', 'set_jwt_secret', ARRAY['text'], 'set_jwt_secret(text) exists');
SELECT tests.make_tenant('a');
CREATE TEMP TABLE tok AS SELECT
    tests.make_token(tests.user_id('a_owner'), tests.id('a')) AS old_token,
    tests.make_token(tests.user_id('a_owner'), tests.id('a'), p_secret => 'a-brand-new-secret-of-32-bytes-or-more') AS new_token;
GRANT SELECT ON tok TO PUBLIC;

-- Refusals first (act_as mints with the test secret, which is about to be retired).
SELECT tests.act_as('a');
SELECT throws_ok($$ SELECT monay.set_jwt_secret('an-attacker-secret-of-32-bytes-or-more') $$, '42501', NULL,
                 'monay_app cannot execute it (42501)');
SELECT tests.act_as_tenant_job('a');
SELECT throws_ok($$ SELECT monay.set_jwt_secret('an-attacker-secret-of-32-bytes-or-more') $$, '42501', NULL,
                 'monay_platform outside the platform context cannot (42501)');

SELECT tests.act_as_platform();
SELECT lives_ok($$ SELECT monay.set_jwt_secret('a-brand-new-secret-of-32-bytes-or-more') $$, 'the platform sets a new secret');
SELECT throws_ok($$ SELECT monay.set_jwt_secret('too-short') $$, '22023', NULL, 'fewer than 32 bytes: 22023');
SELECT throws_ok($$ SELECT monay.set_jwt_secret(NULL) $$, '22023', NULL, 'NULL: 22023');

SELECT tests.act_as_nobody();
SELECT lives_ok($$ SELECT monay.authenticate((SELECT new_token FROM tok)) $$, 'a token signed with the new secret is accepted');
SELECT throws_ok($$ SELECT monay.authenticate((SELECT old_token FROM tok)) $$, 'MT201', NULL,
                 'a token signed with the retired secret is refused (MT201)');
SELECT tests.as_superuser();
SELECT is((SELECT count(*) FROM monay_private.jwt_secrets), 1::bigint,
          'only the new secret is kept: the retired one is deleted, not stored');

SELECT * FROM finish();
ROLLBACK;
