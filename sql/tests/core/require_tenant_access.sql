-- monay_private.require_tenant_access: the tenant gate. The verified context must be
-- the tenant asked for or the platform. Internal: only monay_owner may execute it,
-- so each context is set up with tests.act_as* and then tests.act_as_definer()
-- (same context, role monay_owner); the app role's own call is refused.
BEGIN;
SELECT plan(14);

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');

SELECT has_function('monay_private', 'require_tenant_access', ARRAY['uuid', 'text'],
                    'require_tenant_access(uuid, text) exists');
SELECT isnt_definer('monay_private', 'require_tenant_access', ARRAY['uuid', 'text'],
                    'require_tenant_access is SECURITY INVOKER (it runs inside its owner-run callers)');
SELECT volatility_is('monay_private', 'require_tenant_access', ARRAY['uuid', 'text'], 'stable',
                     'require_tenant_access is STABLE');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.require_tenant_access(uuid, text)', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.require_tenant_access(uuid, text)', 'EXECUTE'),
          'neither monay_app nor monay_platform can execute require_tenant_access');

SELECT tests.act_as('a');
SELECT throws_ok($$ SELECT monay_private.require_tenant_access(tests.id('a'), 'op') $$, '42501', NULL,
                 'the application cannot call the gate itself (42501)');
SELECT tests.act_as_definer();
SELECT lives_ok($$ SELECT monay_private.require_tenant_access(tests.id('a'), 'op') $$, 'a''s user may act on a');
SELECT throws_ok($$ SELECT monay_private.require_tenant_access(tests.id('b'), 'op') $$, '42501', NULL,
                 'a''s user may not act on b (42501)');
SELECT throws_ok($$ SELECT monay_private.require_tenant_access(tests.id('b'), 'track_operation') $$, '42501',
                 'track_operation: the context of tenant ' || tests.id('a') || ' may not act on tenant ' || tests.id('b'),
                 'the message names the operation, the context''s tenant and the tenant asked for');
SELECT throws_ok($$ SELECT monay_private.require_tenant_access(NULL, 'op') $$, '22023', 'op: p_tenant_id must not be NULL',
                 'a NULL tenant raises 22023 naming the operation');

SELECT tests.act_as_tenant_job('b');
SELECT tests.act_as_definer();
SELECT lives_ok($$ SELECT monay_private.require_tenant_access(tests.id('b'), 'op') $$, 'a platform job inside b may act on b');
SELECT throws_ok($$ SELECT monay_private.require_tenant_access(tests.id('a'), 'op') $$, '42501', NULL,
                 'but not on a (42501)');

SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT lives_ok($$ SELECT monay_private.require_tenant_access(tests.id('b'), 'op') $$, 'the platform context may act on any tenant');

SELECT tests.act_as_nobody();
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.require_tenant_access(tests.id('a'), 'op') $$, '42501',
                 'op: the context of tenant none (no verified context) may not act on tenant ' || tests.id('a'),
                 'no context at all: 42501, the message says there is none');

SELECT tests.act_as_forger('a', true);
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.require_tenant_access(tests.id('a'), 'op') $$, '42501',
                 'op: the context of tenant none (no verified context) may not act on tenant ' || tests.id('a'),
                 'a forged context (even claiming the platform) counts as none (42501)');

SELECT * FROM finish();
ROLLBACK;
