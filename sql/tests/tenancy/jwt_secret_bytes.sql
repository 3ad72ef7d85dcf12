-- monay_private.jwt_secret_bytes: platform context and >= 32 bytes, shared by set/rotate_jwt_secret.
BEGIN;
SELECT plan(5);

SELECT tests.make_tenant('jsb_a');
SELECT tests.act_as_platform();
SELECT tests.as_superuser();
-- Called as the owner (what the SECURITY DEFINER callers run as), inside each context.
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT is(monay_private.jwt_secret_bytes('t', 'jsb-a-secret-of-at-least-32-bytes!!'),
          convert_to('jsb-a-secret-of-at-least-32-bytes!!', 'UTF8'), 'the platform context: the secret as bytes');
SELECT throws_ok($$ SELECT monay_private.jwt_secret_bytes('t', repeat('x', 31)) $$, '22023',
                 'JWT secret must be at least 32 bytes, got 31', '31 bytes: 22023 naming the size');
SELECT throws_ok($$ SELECT monay_private.jwt_secret_bytes('t', NULL) $$, '22023', NULL, 'NULL: 22023');
SELECT tests.act_as('jsb_a');
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.jwt_secret_bytes('rotate_jwt_secret', 'jsb-a-secret-of-at-least-32-bytes!!') $$,
                 '42501', NULL, 'a tenant''s context: 42501');
SELECT tests.as_superuser();
SELECT ok(NOT has_function_privilege('monay_platform', 'monay_private.jwt_secret_bytes(text, text)', 'EXECUTE'),
          'internal: not callable by the platform role directly');

SELECT * FROM finish();
ROLLBACK;
