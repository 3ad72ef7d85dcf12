-- current_tenant_id, current_user_id, is_platform_context, rls_tenant_low/high: the signed context readers.
BEGIN;
SELECT plan(16);

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');

SELECT tests.act_as_nobody();
SELECT is(monay.current_tenant_id(), NULL, 'no context: no tenant');
SELECT is(monay.current_user_id(), NULL, 'no context: no user');
SELECT is(monay.is_platform_context(), false, 'no context: not the platform');
SELECT is(monay.rls_tenant_low(), NULL, 'no context: the RLS range is NULL (no rows)');

SELECT tests.act_as('a');
SELECT is(monay.rls_tenant_low(), tests.id('a'), 'tenant context: range low = the tenant');
SELECT is(monay.rls_tenant_high(), tests.id('a'), 'tenant context: range high = the tenant');

-- Tampering with a valid context: change one value, keep the signature.
SELECT set_config('monay.tenant_id', tests.id('b')::text, true);
SELECT is(monay.current_tenant_id(), NULL, 'a tenant id changed with set_config voids the context');
SELECT is(monay.current_user_id(), NULL, '... the user too');
SELECT tests.act_as('a');
SELECT set_config('monay.platform', 'true', true);
SELECT is(monay.is_platform_context(), false, 'a platform flag flipped with set_config is not verified');
SELECT is(monay.current_tenant_id(), NULL, '... and voids the tenant');
SELECT tests.act_as('a');
SET LOCAL monay.context_signature = 'deadbeef';
SELECT is(monay.current_tenant_id(), NULL, 'a changed signature voids the context');
SELECT tests.act_as('a');
SELECT set_config('monay.user_id', 'not-a-uuid', true);
SELECT is(monay.current_tenant_id(), NULL, 'a malformed value voids the context (no error)');

SELECT tests.act_as_platform();
SELECT is(monay.rls_tenant_low(), '00000000-0000-0000-0000-000000000000'::uuid, 'platform: range low = the smallest uuid');
SELECT is(monay.rls_tenant_high(), 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid, 'platform: range high = the largest uuid');

-- Readers are granted to our roles, not to PUBLIC.
SELECT tests.as_superuser();
SELECT ok(NOT has_function_privilege('public', 'monay.current_tenant_id()', 'EXECUTE'),
          'PUBLIC cannot execute current_tenant_id');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.set_context(uuid, uuid, boolean)', 'EXECUTE'),
          'monay_app cannot execute monay_private.set_context');

SELECT * FROM finish();
ROLLBACK;
