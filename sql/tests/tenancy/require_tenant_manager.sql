-- monay_private.require_tenant_manager: platform, owner or admin of the tenant one is in; else 42501.
-- Internal: only monay_owner may execute it, so each context is set up with
-- tests.act_as* and then tests.act_as_definer() (same context, role monay_owner).
BEGIN;
SELECT plan(10);

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.add_member('a', 'a_admin', 'admin');
SELECT tests.add_member('a', 'a_member', 'member');
SELECT tests.add_member('a', 'b_owner', 'member');  -- b's owner is a plain member of a

SELECT has_function('monay_private', 'require_tenant_manager', ARRAY['uuid', 'text'], 'require_tenant_manager(uuid, text) exists');
SELECT is_definer('monay_private', 'require_tenant_manager', ARRAY['uuid', 'text'], 'require_tenant_manager is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.require_tenant_manager(uuid, text)', 'EXECUTE'),
          'monay_app cannot execute require_tenant_manager');

SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT is(monay_private.require_tenant_manager(tests.id('a'), 'op'), 'platform', 'the platform context manages any tenant');

SELECT tests.act_as('a');
SELECT tests.act_as_definer();
SELECT is(monay_private.require_tenant_manager(tests.id('a'), 'op'), 'owner', 'a''s owner in a manages a');
SELECT throws_ok($$ SELECT monay_private.require_tenant_manager(tests.id('b'), 'op') $$, '42501', NULL,
                 'a''s owner cannot manage tenant b (42501)');

SELECT tests.act_as('a', 'a_admin');
SELECT tests.act_as_definer();
SELECT is(monay_private.require_tenant_manager(tests.id('a'), 'op'), 'admin', 'a''s admin in a manages a');

SELECT tests.act_as('a', 'a_member');
SELECT tests.act_as_definer();
SELECT throws_like($$ SELECT monay_private.require_tenant_manager(tests.id('a'), 'add_tenant_member') $$,
                   'add_tenant_member on tenant ' || tests.id('a') || ' is refused: role monay_owner (user '
                   || tests.user_id('a_member') || ', tenant context ' || tests.id('a') || ', tenant role member)%',
                   'a member is refused; the message names operation, tenant, role, user, context and tenant role');

-- b's owner, authenticated in a, cannot manage b from there: the context must be b.
SELECT tests.act_as('a', 'b_owner');
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.require_tenant_manager(tests.id('b'), 'op') $$, '42501', NULL,
                 'an owner of b in a''s context cannot manage b (42501)');

SELECT tests.act_as_nobody();
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.require_tenant_manager(tests.id('a'), 'op') $$, '42501', NULL,
                 'no context at all is refused (42501)');

SELECT * FROM finish();
ROLLBACK;
