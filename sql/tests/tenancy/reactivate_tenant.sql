-- monay.reactivate_tenant: platform only; suspended -> active; closed is final.
BEGIN;
SELECT plan(9);

SELECT has_function('monay', 'reactivate_tenant', ARRAY['uuid'], 'reactivate_tenant(uuid) exists');

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('closed_t', 'free', NULL, 'closed');

SELECT tests.act_as_platform();
SELECT monay.suspend_tenant(tests.id('a'), 'fraud check');
SELECT is((SELECT status || '/' || coalesce(status_reason, '-') FROM monay.reactivate_tenant(tests.id('a'))),
          'active/-', 'a suspended tenant is active again, its reason cleared');
SELECT is((SELECT status FROM monay.reactivate_tenant(tests.id('a'))), 'active', 'an active tenant: no-op');
SELECT throws_ok($$ SELECT monay.reactivate_tenant(tests.id('closed_t')) $$, 'MT304', NULL,
                 'a closed tenant cannot be reactivated (MT304)');
SELECT throws_ok($$ SELECT monay.reactivate_tenant(gen_random_uuid()) $$, 'MT301', NULL, 'unknown tenant: MT301');

SELECT tests.act_as('a');
SELECT lives_ok($$ SELECT monay.current_tenant_id() $$, 'its owner can authenticate again');
SELECT throws_ok($$ SELECT monay.reactivate_tenant(tests.id('a')) $$, '42501', NULL, 'the owner cannot call it (42501)');
SELECT tests.act_as_tenant_job('a');
SELECT throws_ok($$ SELECT monay.reactivate_tenant(tests.id('a')) $$, '42501', NULL,
                 'monay_platform in a tenant context cannot (42501)');
SELECT tests.as_superuser();
SELECT is((SELECT status FROM monay.tenants WHERE id = tests.id('closed_t')), 'closed', 'closed stays closed');

SELECT * FROM finish();
ROLLBACK;
