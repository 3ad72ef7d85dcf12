-- monay.add_tenant_member: who may add whom, re-adding, re-activation, limits.
BEGIN;
SELECT plan(30);

SELECT has_function('monay', 'add_tenant_member', ARRAY['uuid', 'uuid', 'text'], 'add_tenant_member(uuid, uuid, text) exists');

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.make_tenant('closed_t', 'free', NULL, 'closed');
SELECT tests.add_member('a', 'a_admin', 'admin');
SELECT tests.add_member('a', 'a_member', 'member');
SELECT tests.make_user('carol');
SELECT tests.make_user('dave');
SELECT tests.make_user('erin', 'disabled');

-- The owner invites carol (issue 16, item 6: consent before a membership counts).
SELECT tests.add_member('b', 'carol');  -- her own tenant, where she authenticates
SELECT tests.act_as('a');
SELECT is((monay.add_tenant_member(tests.id('a'), tests.user_id('carol'))).role, 'member', 'the role defaults to member');
SELECT is((SELECT status FROM monay.tenant_users WHERE tenant_id = tests.id('a') AND user_id = tests.user_id('carol')),
          'invited', 'an owner''s add is an invitation');
SELECT is(tests.tenant_count('carol'), 1::bigint, 'an invitation does not count toward MAX_TENANTS_PER_USER');
SELECT tests.act_as('b', 'carol');
SELECT is((monay.accept_tenant_invitation(tests.id('a'))).status, 'active', 'carol accepts: active');
SELECT tests.act_as('a');
SELECT is((SELECT count(*) FROM monay.audit_log WHERE tenant_id = tests.id('a') AND table_name = 'monay.tenant_users'
           AND row_key ->> 'user_id' = tests.user_id('carol')::text), 2::bigint, 'invitation and acceptance are audited');
SELECT is(tests.tenant_count('carol'), 2::bigint, 'carol''s tenant counter counts it now');
SELECT is((monay.add_tenant_member(tests.id('a'), tests.user_id('carol'), 'member')).status, 'active',
          're-adding an active member with the same role returns it');
SELECT is((SELECT count(*) FROM monay.audit_log WHERE tenant_id = tests.id('a') AND table_name = 'monay.tenant_users'
           AND row_key ->> 'user_id' = tests.user_id('carol')::text), 2::bigint, '... and changes nothing (no audit row)');
SELECT is(tests.tenant_count('carol'), 2::bigint, '... nor the counter');
SELECT is((monay.add_tenant_member(tests.id('a'), tests.user_id('carol'), 'viewer')).role, 'viewer',
          're-adding with another role changes the role');
SELECT is(tests.tenant_count('carol'), 2::bigint, 'a role change does not count twice');

-- Removed, then re-added: invited again (consent again), then accepted.
SELECT monay.remove_tenant_member(tests.id('a'), tests.user_id('carol'));
SELECT is(tests.tenant_count('carol'), 1::bigint, 'removal frees the slot');
SELECT is((monay.add_tenant_member(tests.id('a'), tests.user_id('carol'), 'admin')).status, 'invited',
          'a removed member is invited again');
SELECT tests.act_as('b', 'carol');
SELECT monay.accept_tenant_invitation(tests.id('a'));
SELECT is(tests.tenant_count('carol'), 2::bigint, 'accepted, it counts again');

-- Admins: manage members, not owners.
SELECT tests.act_as('a', 'a_admin');  -- carol is now an admin of a
SELECT lives_ok($$ SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('dave'), 'viewer') $$, 'an admin adds a viewer');
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('dave'), 'owner') $$, '42501', NULL,
                 'an admin cannot make someone an owner (42501)');
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('a_owner'), 'member') $$, '42501', NULL,
                 'an admin cannot demote an owner (42501)');

-- Errors.
SELECT tests.act_as('a');
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('dave'), 'boss') $$, '22023', NULL,
                 'an unknown role is refused (22023)');
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('a'), NULL) $$, '22023', NULL, 'a NULL user is refused (22023)');
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('a'), gen_random_uuid()) $$, 'MT302', NULL,
                 'an unknown user is refused (MT302)');
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('erin')) $$, 'MT302', NULL,
                 'a disabled user is refused (MT302)');
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('a_owner'), 'admin') $$, 'MT305', NULL,
                 'the last owner cannot demote themself (MT305)');

-- Members, other tenants, no context.
SELECT tests.act_as('a', 'a_member');
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('dave')) $$, '42501', NULL,
                 'a plain member cannot add members (42501)');
SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('b_owner'), 'owner') $$, '42501', NULL,
                 'the owner of tenant b cannot add anyone to tenant a (42501)');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('dave')) $$, '42501', NULL,
                 'no context: refused (42501)');
SELECT tests.act_as_forger('a');
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('dave')) $$, '42501', NULL,
                 'a forged context of a''s owner: refused (42501)');

-- The platform.
SELECT tests.act_as_platform();
SELECT is((monay.add_tenant_member(tests.id('b'), tests.user_id('dave'), 'owner')).role, 'owner',
          'the platform adds an owner to any tenant');
SELECT throws_ok($$ SELECT monay.add_tenant_member(gen_random_uuid(), tests.user_id('dave')) $$, 'MT301', NULL,
                 'an unknown tenant is refused (MT301)');
SELECT throws_ok($$ SELECT monay.add_tenant_member(tests.id('closed_t'), tests.user_id('dave')) $$, 'MT304', NULL,
                 'a closed tenant takes no members (MT304)');

SELECT * FROM finish();
ROLLBACK;
