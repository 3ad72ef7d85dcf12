-- monay_private.require_tenant_found: the one place MT301 ("tenant <id> does not exist") is raised.
BEGIN;
SELECT plan(10);

SELECT tests.make_tenant('rtf_a');
SELECT tests.make_tenant('rtf_b');

SELECT has_function('monay_private', 'require_tenant_found', ARRAY['uuid', 'boolean'],
                    'require_tenant_found(uuid, boolean) exists');
SELECT isnt_definer('monay_private', 'require_tenant_found', ARRAY['uuid', 'boolean'],
                    'require_tenant_found is SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.require_tenant_found(uuid, boolean)', 'EXECUTE'),
          'monay_app cannot execute require_tenant_found');

SELECT tests.act_as('rtf_a');
SELECT throws_ok($$ SELECT monay_private.require_tenant_found(tests.id('rtf_a'), true) $$, '42501', NULL,
                 'the application cannot call the helper itself (42501)');
SELECT tests.act_as_definer();
SELECT lives_ok($$ SELECT monay_private.require_tenant_found(tests.id('rtf_a'), true) $$, 'found: passes');
SELECT throws_ok(format($$ SELECT monay_private.require_tenant_found(%L, false) $$, tests.id('ghost')), 'MT301',
                 format('tenant %s does not exist', tests.id('ghost')), 'not found: MT301 naming the tenant');
SELECT throws_ok(format($$ SELECT monay_private.require_tenant_found(%L, NULL) $$, tests.id('ghost')), 'MT301',
                 NULL, 'NULL counts as not found (MT301)');
-- What another tenant sees: in a's context, RLS hides b, so a read of b finds nothing: MT301, not b's row.
SELECT throws_ok($$ SELECT monay_private.require_tenant_found(tests.id('rtf_b'),
                        EXISTS (SELECT 1 FROM monay.tenants t WHERE t.id = tests.id('rtf_b'))) $$, 'MT301',
                 format('tenant %s does not exist', tests.id('rtf_b')),
                 'in a''s context tenant b is not visible: MT301');
SELECT lives_ok($$ SELECT monay_private.require_tenant_found(tests.id('rtf_a'),
                       EXISTS (SELECT 1 FROM monay.tenants t WHERE t.id = tests.id('rtf_a'))) $$,
                'while a itself is found');
-- Through a caller, as the platform: an unknown tenant.
SELECT tests.act_as_platform();
SELECT throws_ok(format($$ SELECT monay.suspend_tenant(%L) $$, tests.id('ghost')), 'MT301',
                 format('tenant %s does not exist', tests.id('ghost')), 'suspend_tenant of an unknown tenant: MT301 from the helper');

SELECT * FROM finish();
ROLLBACK;
