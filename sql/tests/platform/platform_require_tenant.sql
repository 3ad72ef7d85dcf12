-- monay_private.platform_require_tenant: the gate of the platform-table functions.
BEGIN;
SELECT plan(6);

SELECT tests.make_tenant('prt_a');

SELECT tests.act_as('prt_a');
SELECT tests.act_as_definer();
SELECT is((SELECT tenant_id FROM monay_private.platform_require_tenant('t')), tests.id('prt_a'),
          'an authenticated member: the tenant of the context');
SELECT is((SELECT user_id FROM monay_private.platform_require_tenant('t')), tests.user_id('prt_a_owner'),
          'and the user');
SELECT tests.act_as_tenant_job('prt_a');
SELECT tests.act_as_definer();
SELECT is((SELECT (tenant_id, user_id)::text FROM monay_private.platform_require_tenant('t')),
          (tests.id('prt_a'), NULL::uuid)::text, 'a platform job inside the tenant: the tenant, no user');
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.platform_require_tenant('t') $$, '42501', NULL,
                 'the platform context alone names no tenant (42501)');
SELECT tests.act_as_forger('prt_a');
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.platform_require_tenant('t') $$, '42501', NULL,
                 'a forged context opens nothing (42501)');
SELECT tests.act_as('prt_a');
SELECT throws_ok($$ SELECT monay_private.platform_require_tenant('t') $$, '42501', NULL,
                 'the application cannot call the helper itself');

SELECT * FROM finish();
ROLLBACK;
