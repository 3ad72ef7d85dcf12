-- monay.remove_tenant_member: owners/admins, leaving, last owner, idempotency.
BEGIN;
SELECT plan(17);

SELECT has_function('monay', 'remove_tenant_member', ARRAY['uuid', 'uuid'], 'remove_tenant_member(uuid, uuid) exists');

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.add_member('a', 'a_admin', 'admin');
SELECT tests.add_member('a', 'a_member', 'member');
SELECT tests.add_member('a', 'a_viewer', 'viewer');
SELECT tests.add_member('a', 'a_owner2', 'owner');

SELECT tests.act_as('a', 'a_admin');
SELECT is(monay.remove_tenant_member(tests.id('a'), tests.user_id('a_member')), true, 'an admin removes a member');
SELECT is((SELECT status FROM monay.tenant_users WHERE tenant_id = tests.id('a') AND user_id = tests.user_id('a_member')),
          'removed', 'the membership is kept with status removed');
SELECT is(monay.remove_tenant_member(tests.id('a'), tests.user_id('a_member')), false,
          'removing again is a no-op returning false (idempotent)');
SELECT is(monay.remove_tenant_member(tests.id('a'), tests.user_id('b_owner')), false,
          'removing a non-member is a no-op returning false');
SELECT throws_ok($$ SELECT monay.remove_tenant_member(tests.id('a'), tests.user_id('a_owner')) $$, '42501', NULL,
                 'an admin cannot remove an owner (42501)');

SELECT tests.act_as('a', 'a_viewer');
SELECT throws_ok($$ SELECT monay.remove_tenant_member(tests.id('a'), tests.user_id('a_admin')) $$, '42501', NULL,
                 'a viewer cannot remove others (42501)');
SELECT is(monay.remove_tenant_member(tests.id('a'), tests.user_id('a_viewer')), true, 'but may leave the tenant');
SELECT tests.as_superuser();
SELECT is(tests.tenant_count('a_viewer'), 0::bigint, 'leaving frees the slot');

SELECT tests.act_as('a');
SELECT is(monay.remove_tenant_member(tests.id('a'), tests.user_id('a_owner2')), true, 'an owner removes another owner');
SELECT throws_ok($$ SELECT monay.remove_tenant_member(tests.id('a'), tests.user_id('a_owner')) $$, 'MT305', NULL,
                 'the last owner cannot leave (MT305)');
SELECT is((SELECT status FROM monay.tenant_users WHERE tenant_id = tests.id('a') AND user_id = tests.user_id('a_owner')),
          'active', '... and stays an active owner');

SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay.remove_tenant_member(tests.id('a'), tests.user_id('a_admin')) $$, '42501', NULL,
                 'tenant b''s owner cannot remove a''s members (42501)');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.remove_tenant_member(tests.id('a'), tests.user_id('a_admin')) $$, '42501', NULL,
                 'no context: refused (42501)');
SELECT throws_ok($$ SELECT monay.remove_tenant_member(tests.id('a'), NULL) $$, '22023', NULL, 'NULL user: 22023');

SELECT tests.act_as_platform();
SELECT is(monay.remove_tenant_member(tests.id('a'), tests.user_id('a_admin')), true, 'the platform removes anyone');
SELECT throws_ok($$ SELECT monay.remove_tenant_member(gen_random_uuid(), tests.user_id('a_admin')) $$, 'MT301', NULL,
                 'an unknown tenant: MT301');

SELECT * FROM finish();
ROLLBACK;
