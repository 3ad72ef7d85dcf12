-- monay.set_tenant_context: platform jobs inside one tenant.
BEGIN;
SELECT plan(9);

SELECT has_function('monay', 'set_tenant_context', ARRAY['uuid'], 'set_tenant_context(uuid) exists');
SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.make_tenant('shut', 'free', NULL, 'closed');

SELECT tests.act_as_tenant_job('a');
SELECT is(monay.current_tenant_id(), tests.id('a'), 'the job acts inside tenant a');
SELECT is(monay.current_user_id(), NULL, '... with no user');
SELECT is(monay.is_platform_context(), false, '... and without the platform flag');
SELECT results_eq($$ SELECT id FROM monay.tenants $$, ARRAY[tests.id('a')], 'it sees only tenant a');
SELECT lives_ok(format('SELECT monay.set_tenant_context(%L)', tests.id('shut')),
                'a closed tenant can be entered (cleanup and billing jobs)');
SELECT throws_ok(format('SELECT monay.set_tenant_context(%L)', gen_random_uuid()), 'MT301', NULL, 'an unknown tenant: MT301');
SELECT throws_ok($$ SELECT monay.set_tenant_context(NULL) $$, '22023', NULL, 'NULL: 22023');

SELECT tests.act_as('b');
SELECT throws_ok(format('SELECT monay.set_tenant_context(%L)', tests.id('a')), '42501', NULL,
                 'monay_app cannot execute it (42501)');

SELECT * FROM finish();
ROLLBACK;
