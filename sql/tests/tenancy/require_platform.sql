-- monay_private.require_platform: 42501 unless the verified platform context holds.
-- Internal: only monay_owner may execute it, so each context is set up with
-- tests.act_as* and then tests.act_as_definer() (same context, role monay_owner),
-- as a SECURITY DEFINER caller runs it.
BEGIN;
SELECT plan(8);

SELECT tests.make_tenant('a');

SELECT has_function('monay_private', 'require_platform', ARRAY['text'], 'require_platform(text) exists');
SELECT is_definer('monay_private', 'require_platform', ARRAY['text'], 'require_platform is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.require_platform(text)', 'EXECUTE'),
          'monay_app cannot execute require_platform');

SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT lives_ok($$ SELECT monay_private.require_platform('op') $$, 'the platform context passes');

SELECT tests.act_as('a');
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.require_platform('suspend_tenant') $$, '42501', NULL,
                 'a tenant user''s context is refused (42501)');
SELECT throws_like($$ SELECT monay_private.require_platform('suspend_tenant') $$,
                   'suspend_tenant is a platform operation: role monay_owner (user ' || tests.user_id('a_owner')
                   || ', tenant ' || tests.id('a') || ')%',
                   'the message names the operation, the role, the user and the tenant');

SELECT tests.act_as_tenant_job('a');
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.require_platform('op') $$, '42501', NULL,
                 'the platform role inside one tenant is not the platform context (42501)');

SELECT tests.act_as_forger('a', true);
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.require_platform('op') $$, '42501', NULL,
                 'a forged platform flag (bad signature) is refused (42501)');

SELECT * FROM finish();
ROLLBACK;
