-- monay_private.require_tenant_context: the tenant gate of functions that take no
-- tenant argument (the platform tables): the context's tenant and user, or 42501.
BEGIN;
SELECT plan(10);

SELECT tests.make_tenant('rtc_a');
SELECT tests.make_tenant('rtc_b');

SELECT has_function('monay_private', 'require_tenant_context', ARRAY['text'], 'require_tenant_context(text) exists');
SELECT isnt_definer('monay_private', 'require_tenant_context', ARRAY['text'],
                    'require_tenant_context is SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.require_tenant_context(text)', 'EXECUTE'),
          'monay_app cannot execute require_tenant_context');

SELECT tests.act_as('rtc_a');
SELECT tests.act_as_definer();
SELECT is((SELECT tenant_id FROM monay_private.require_tenant_context('t')), tests.id('rtc_a'),
          'an authenticated member: the tenant of the context');
SELECT is((SELECT user_id FROM monay_private.require_tenant_context('t')), tests.user_id('rtc_a_owner'),
          'and the user');
SELECT tests.act_as('rtc_b');
SELECT tests.act_as_definer();
SELECT is((SELECT tenant_id FROM monay_private.require_tenant_context('t')), tests.id('rtc_b'),
          'another tenant''s member gets their own tenant, never a');
SELECT tests.act_as_tenant_job('rtc_a');
SELECT tests.act_as_definer();
SELECT is((SELECT (tenant_id, user_id)::text FROM monay_private.require_tenant_context('t')),
          (tests.id('rtc_a'), NULL::uuid)::text, 'a platform job inside the tenant: the tenant, no user');
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.require_tenant_context('list_wallets') $$, '42501',
                 'list_wallets: needs a tenant context (monay.authenticate, or monay.set_tenant_context for a platform job); the platform context names no tenant',
                 'the platform context alone names no tenant (42501, said so)');
SELECT tests.act_as_forger('rtc_a');
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.require_tenant_context('t') $$, '42501',
                 't: needs a tenant context (monay.authenticate, or monay.set_tenant_context for a platform job); there is no verified context',
                 'a forged context opens nothing (42501)');
SELECT tests.act_as('rtc_a');
SELECT throws_ok($$ SELECT monay_private.require_tenant_context('t') $$, '42501', NULL,
                 'the application cannot call the helper itself');

SELECT * FROM finish();
ROLLBACK;
