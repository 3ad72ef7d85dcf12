-- monay_private.set_user_status: the body of disable_user/enable_user, called as its owner.
BEGIN;
SELECT plan(6);

SELECT tests.make_tenant('sus_a');
SELECT tests.add_member('sus_a', 'sus_member');
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT is((SELECT status FROM monay_private.set_user_status('t', tests.user_id('sus_a_owner'), 'disabled')), 'disabled',
          'sets the status');
SELECT is((SELECT updated_at FROM monay_private.set_user_status('t', tests.user_id('sus_a_owner'), 'disabled')),
          (SELECT updated_at FROM monay.users WHERE id = tests.user_id('sus_a_owner')), 'the same status again: no change');
SELECT throws_ok($$ SELECT monay_private.set_user_status('t', gen_random_uuid(), 'active') $$, 'MT302', NULL,
                 'an unknown user: MT302');
SELECT throws_ok($$ SELECT monay_private.set_user_status('t', NULL, 'active') $$, '22023', NULL, 'NULL: 22023');
SELECT throws_ok($$ SELECT monay_private.set_user_status('t', tests.user_id('sus_a_owner'), 'gone') $$, '23514', NULL,
                 'a status the table does not know: 23514 (users_status_known)');
SELECT tests.act_as('sus_a', 'sus_member');
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.set_user_status('enable_user', tests.user_id('sus_a_owner'), 'active') $$,
                 '42501', NULL, 'outside the platform context: 42501');

SELECT * FROM finish();
ROLLBACK;
