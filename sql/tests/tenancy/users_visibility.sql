-- monay.users is global but not public: self, members of the current tenant, the platform all.
BEGIN;
SELECT plan(10);

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.add_member('a', 'a_member');
SELECT tests.add_member('a', 'a_gone');
UPDATE monay.tenant_users SET status = 'removed' WHERE user_id = tests.user_id('a_gone');
SELECT tests.make_user('loner');

SELECT tests.act_as('a', 'a_member');
SELECT set_eq($$ SELECT id FROM monay.users $$,
              ARRAY[tests.user_id('a_owner'), tests.user_id('a_member')],
              'a member sees themself and the active members of the current tenant, nobody else');
SELECT is_empty(format('SELECT 1 FROM monay.users WHERE id = %L', tests.user_id('b_owner')),
                'a user of another tenant is invisible');
SELECT throws_ok($$ INSERT INTO monay.users (email, display_name) VALUES ('x@example.com', 'X') $$, '42501', NULL,
                 'the application cannot insert users directly (create_user does)');
SELECT throws_ok($$ DELETE FROM monay.users $$, '42501', NULL, 'nor delete them');

SELECT tests.act_as('b');
SELECT set_eq($$ SELECT id FROM monay.users $$, ARRAY[tests.user_id('b_owner')], 'tenant b''s owner sees only b''s members');

SELECT tests.act_as_tenant_job('a');
SELECT set_eq($$ SELECT id FROM monay.users $$,
              ARRAY[tests.user_id('a_owner'), tests.user_id('a_member')], 'a job inside tenant a sees a''s members');

SELECT tests.act_as_platform();
SELECT set_has($$ SELECT id FROM monay.users $$,
               $$ VALUES (tests.user_id('a_owner')), (tests.user_id('b_owner')), (tests.user_id('loner')),
                         (tests.user_id('a_gone')) $$,
               'the platform sees every user');

SELECT tests.act_as_nobody();
SELECT is_empty($$ SELECT 1 FROM monay.users $$, 'no context: no user');
SELECT tests.act_as_forger('a');
SELECT is_empty($$ SELECT 1 FROM monay.users $$, 'a forged context: no user');
SELECT tests.act_as_forger('a', true);
SELECT is_empty($$ SELECT 1 FROM monay.users $$, 'a forged platform context: no user');

SELECT * FROM finish();
ROLLBACK;
