-- monay_private.check_user_profile: the one email/display-name check of create_user and update_own_profile.
BEGIN;
SELECT plan(7);

SELECT lives_ok($$ SELECT monay_private.check_user_profile(' ada@example.test ', ' Ada ') $$, 'good values pass (trimmed)');
SELECT lives_ok($$ SELECT monay_private.check_user_profile(NULL, NULL) $$, 'NULL means "kept": nothing to check');
SELECT throws_ok($$ SELECT monay_private.check_user_profile('no-at-sign', NULL) $$, '22023',
                 'invalid email ''no-at-sign'': expected an address like name@example.com (at most 254 characters)',
                 'not an address: 22023 naming it');
SELECT throws_ok($$ SELECT monay_private.check_user_profile(repeat('a', 250) || '@example.test', NULL) $$, '22023', NULL,
                 'over 254 characters: 22023');
SELECT throws_ok($$ SELECT monay_private.check_user_profile(NULL, '   ') $$, '22023',
                 'invalid display name ''   '': 1 to 200 characters required', 'a blank name: 22023');
SELECT throws_ok($$ SELECT monay_private.check_user_profile(NULL, repeat('n', 201)) $$, '22023', NULL,
                 'a name over 200 characters: 22023');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.check_user_profile(text, text)', 'EXECUTE'),
          'internal: the application cannot call it');

SELECT * FROM finish();
ROLLBACK;
