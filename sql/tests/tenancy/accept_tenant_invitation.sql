-- monay.accept_tenant_invitation: consent before a membership counts (issue 16, item 6).
BEGIN;
SELECT plan(18);

SELECT has_function('monay', 'accept_tenant_invitation', ARRAY['uuid'], 'accept_tenant_invitation(uuid) exists');
SELECT is_definer('monay', 'accept_tenant_invitation', ARRAY['uuid'], 'it is SECURITY DEFINER');

-- ati_home: the stranger's own tenant. ati_1 .. ati_5: five tenants of one owner (ati_boss).
SELECT tests.make_tenant('ati_home');
SELECT tests.make_user('ati_boss');
SELECT tests.make_tenant('ati_' || i) FROM generate_series(1, 5) i;
SELECT tests.add_member('ati_' || i, 'ati_boss', 'owner') FROM generate_series(1, 5) i;
SELECT tests.make_tenant('ati_closed');
SELECT tests.make_tenant('ati_plat');

-- The attack: an owner of five tenants adds a stranger to all of them.
SELECT tests.act_as('ati_' || i, 'ati_boss') IS NOT NULL
       AND (monay.add_tenant_member(tests.id('ati_' || i), tests.user_id('ati_home_owner'))).status = 'invited'
FROM generate_series(1, 5) i;
SELECT is(tests.tenant_count('ati_home_owner'), 1::bigint,
          'five invitations do not count toward the stranger''s MAX_TENANTS_PER_USER');
SELECT tests.act_as_platform();
SELECT is((monay.add_tenant_member(tests.id('ati_plat'), tests.user_id('ati_home_owner'))).status, 'active',
          'the platform can still add the stranger (no MT303): unaccepted memberships do not count');
SELECT is(tests.tenant_count('ati_home_owner'), 2::bigint, 'the platform''s add counts at once');

-- An invitation grants nothing.
SELECT throws_ok(format('SELECT monay.authenticate(%L)', tests.make_token(tests.user_id('ati_home_owner'), tests.id('ati_1'))),
                 'MT204', NULL, 'an invited user cannot authenticate into the inviting tenant (MT204)');
SELECT tests.act_as('ati_home');
SELECT is((SELECT count(*) FROM monay.list_user_tenants() WHERE tenant_id = tests.id('ati_1')), 0::bigint,
          'nor is the inviting tenant in the selector');
SELECT throws_ok(format('SELECT monay.switch_tenant(%L)', tests.id('ati_1')), 'MT204', NULL,
                 'nor can the user switch to it (MT204)');

-- Accepting.
SELECT tests.act_as('ati_home');
SELECT is((monay.accept_tenant_invitation(tests.id('ati_1'))).status, 'active', 'the user accepts: active');
SELECT is(monay.current_tenant_id(), tests.id('ati_home'), 'the caller''s context is unchanged');
SELECT is((monay.accept_tenant_invitation(tests.id('ati_1'))).status, 'active', 'accepting again changes nothing');
SELECT is((monay.switch_tenant(tests.id('ati_1')) ->> 'tenant_id')::uuid, tests.id('ati_1'), 'now the user can switch there');
SELECT tests.act_as('ati_home');
SELECT monay.accept_tenant_invitation(tests.id('ati_' || i)) FROM generate_series(2, 3) i;
SELECT throws_ok(format('SELECT monay.accept_tenant_invitation(%L)', tests.id('ati_4')), 'MT303', NULL,
                 'the sixth accepted membership is refused (MT303): the limit applies to consented memberships');

-- Errors and other users.
SELECT throws_ok(format('SELECT monay.accept_tenant_invitation(%L)', tests.id('ati_closed')), 'MT309', NULL,
                 'no invitation to that tenant (MT309)');
SELECT tests.act_as('ati_2');
SELECT throws_ok(format('SELECT monay.accept_tenant_invitation(%L)', tests.id('ati_5')), 'MT309', NULL,
                 'another user cannot accept the stranger''s invitation (MT309: none of their own)');
SELECT tests.act_as_nobody();
SELECT throws_ok(format('SELECT monay.accept_tenant_invitation(%L)', tests.id('ati_5')), 'MT206', NULL,
                 'nobody authenticated: refused (MT206)');
SELECT tests.act_as('ati_5', 'ati_boss');
SELECT is(monay.remove_tenant_member(tests.id('ati_5'), tests.user_id('ati_home_owner')), true,
          'an owner can withdraw an invitation (remove_tenant_member)');
SELECT tests.act_as('ati_home');
SELECT throws_ok(format('SELECT monay.accept_tenant_invitation(%L)', tests.id('ati_5')), 'MT309', NULL,
                 'a withdrawn invitation cannot be accepted (MT309)');

SELECT * FROM finish();
ROLLBACK;
