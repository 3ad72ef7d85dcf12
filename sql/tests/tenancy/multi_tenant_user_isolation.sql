-- A user who belongs to two tenants sees, inside one tenant's context, only
-- that tenant: not the other tenant's row, nor their membership there. The
-- tenant selector (list_user_tenants) still lists both and leaves the context as it was.
BEGIN;
SELECT plan(8);

SELECT tests.make_tenant('a', 'small_business');
SELECT tests.make_tenant('b', 'free');
SELECT tests.add_member('b', 'a_owner', 'member');   -- a's owner is also a member of b

SELECT tests.act_as('a');
SELECT results_eq($$ SELECT id FROM monay.tenants $$, ARRAY[tests.id('a')],
                  'in tenant a''s context the user sees tenant a only');
SELECT is_empty($$ SELECT 1 FROM monay.tenant_users WHERE tenant_id = tests.id('b') $$,
                'nor their own membership in tenant b');
SELECT is((SELECT count(*)::int FROM monay.list_user_tenants()), 2, 'the tenant selector lists both tenants');
SELECT is(monay.current_tenant_id(), tests.id('a'), 'list_user_tenants restores the tenant context');
SELECT results_eq($$ SELECT id FROM monay.tenants $$, ARRAY[tests.id('a')],
                  'and visibility after it is tenant a''s again');

SELECT lives_ok($$ SELECT monay.switch_tenant(tests.id('b')) $$, 'the user switches to tenant b');
SELECT results_eq($$ SELECT id FROM monay.tenants $$, ARRAY[tests.id('b')],
                  'in tenant b''s context the user sees tenant b only');
SELECT is_empty($$ SELECT 1 FROM monay.tenant_users WHERE tenant_id = tests.id('a') $$,
                'and none of tenant a''s memberships');

SELECT * FROM finish();
ROLLBACK;
