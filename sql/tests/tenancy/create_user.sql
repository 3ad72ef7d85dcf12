-- monay.create_user: sign-up without a context; validation; case-insensitive uniqueness.
BEGIN;
SELECT plan(16);

SELECT has_function('monay', 'create_user', ARRAY['text', 'text', 'text'], 'create_user(text, text, text) exists');
SELECT function_returns('monay', 'create_user', ARRAY['text', 'text', 'text'], 'monay.users', 'it returns a monay.users row');
SELECT is_definer('monay', 'create_user', ARRAY['text', 'text', 'text'], 'it is SECURITY DEFINER');

SELECT tests.make_tenant('a');

-- Sign-up: the application role with no context at all.
SELECT tests.act_as_nobody();
CREATE TEMP TABLE made AS SELECT * FROM monay.create_user('  Alice@Example.com ', 'Alice', 'individual');
SELECT is((SELECT email FROM made), 'Alice@Example.com', 'the email is stored trimmed, as given');
SELECT is((SELECT status || '/' || user_type FROM made), 'active/individual', 'a new user is active with the given type');
SELECT is(monay.current_user_id(), NULL, 'the caller''s (empty) context is restored afterwards');
SELECT is_empty($$ SELECT 1 FROM monay.users $$, 'without a context the caller still sees no user');
SELECT is((monay.create_user('bob@example.com', 'Bob', 'business')).user_type, 'business', 'a business user');

SELECT throws_ok($$ SELECT monay.create_user('ALICE@example.COM', 'Other Alice') $$,
                 '23505', NULL, 'a duplicate email in another letter case is refused (23505)');
SELECT throws_ok($$ SELECT monay.create_user('not-an-email', 'X') $$, '22023', NULL, 'a malformed email is refused (22023)');
SELECT throws_ok($$ SELECT monay.create_user(NULL, 'X') $$, '22023', NULL, 'a NULL email is refused (22023)');
SELECT throws_ok($$ SELECT monay.create_user('x@example.com', '   ') $$, '22023', NULL, 'a blank display name is refused (22023)');
SELECT throws_ok($$ SELECT monay.create_user('x@example.com', 'X', 'robot') $$, '22023', NULL, 'an unknown user_type is refused (22023)');

-- Called inside a tenant context, the context survives.
SELECT tests.act_as('a');
SELECT lives_ok($$ SELECT monay.create_user('carol@example.com', 'Carol') $$, 'an authenticated app may sign someone up');
SELECT is(monay.current_tenant_id(), tests.id('a'), 'the caller''s tenant context is restored afterwards');
SELECT is_empty($$ SELECT 1 FROM monay.users WHERE email = 'carol@example.com' $$,
                'tenant a does not see the new user (not one of its members)');

SELECT * FROM finish();
ROLLBACK;
