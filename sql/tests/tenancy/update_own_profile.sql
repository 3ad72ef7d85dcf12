-- monay.update_own_profile: the authenticated user changes their own name/email, nobody else's.
BEGIN;
SELECT plan(14);

SELECT has_function('monay', 'update_own_profile', ARRAY['text', 'text'], 'update_own_profile(text, text) exists');
SELECT is_definer('monay', 'update_own_profile', ARRAY['text', 'text'], 'it is SECURITY DEFINER');

SELECT tests.make_tenant('uop_a');
SELECT tests.add_member('uop_a', 'uop_member');
SELECT tests.make_tenant('uop_b');

SELECT tests.act_as('uop_a', 'uop_member');
SELECT is((SELECT display_name || ' <' || email || '>' FROM monay.update_own_profile('  Ada L.  ', 'Ada@Example.test ')),
          'Ada L. <Ada@Example.test>', 'name and email change, trimmed');
SELECT is((SELECT display_name FROM monay.update_own_profile('Ada')), 'Ada', 'the name alone (NULL keeps the email)');
SELECT is((SELECT email FROM monay.update_own_profile(p_email => 'ada2@example.test')), 'ada2@example.test',
          'the email alone');
SELECT throws_ok($$ SELECT monay.update_own_profile(p_email => 'UOP_B_OWNER@example.test') $$, '23505', NULL,
                 'another user''s email, in another letter case: 23505');
SELECT throws_ok($$ SELECT monay.update_own_profile(p_email => 'not an address') $$, '22023', NULL, 'a bad email: 22023');
SELECT throws_ok($$ SELECT monay.update_own_profile('   ') $$, '22023', NULL, 'a blank name: 22023');
SELECT throws_ok($$ SELECT monay.update_own_profile() $$, '22023', NULL, 'nothing to change: 22023');
SELECT is((SELECT email FROM monay.users WHERE id = tests.user_id('uop_member')), 'ada2@example.test',
          'the refusals changed nothing (bad input never half-applies)');

SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.update_own_profile('x') $$, 'MT206', NULL, 'no authenticated user: MT206');
SELECT tests.act_as_forger('uop_b');
SELECT throws_ok($$ SELECT monay.update_own_profile('Mallory') $$, 'MT206', NULL,
                 'a forged context is nobody: MT206');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.update_own_profile('x') $$, 'MT206', NULL,
                 'the platform context has no user: MT206');

SELECT tests.as_superuser();
SELECT is((SELECT display_name FROM monay.users WHERE id = tests.user_id('uop_b_owner')), 'uop_b_owner',
          'the other tenant''s owner is untouched');

SELECT * FROM finish();
ROLLBACK;
