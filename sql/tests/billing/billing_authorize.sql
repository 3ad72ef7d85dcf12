-- monay_private.billing_authorize: the verified context must be the tenant asked for or the platform.
-- Internal: only monay_owner may execute it, so each context is set up with
-- tests.act_as* and then tests.act_as_definer() (same context, role monay_owner).
BEGIN;
SELECT plan(11);

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');

SELECT has_function('monay_private', 'billing_authorize', ARRAY['uuid', 'text'], 'billing_authorize(uuid, text) exists');
SELECT is_definer('monay_private', 'billing_authorize', ARRAY['uuid', 'text'], 'billing_authorize is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_authorize(uuid, text)', 'EXECUTE'),
          'monay_app cannot execute billing_authorize');

SELECT tests.act_as('a');
SELECT tests.act_as_definer();
SELECT lives_ok($$ SELECT monay_private.billing_authorize(tests.id('a'), 'op') $$, 'a''s user may act on a');
SELECT throws_ok($$ SELECT monay_private.billing_authorize(tests.id('b'), 'op') $$, '42501', NULL,
                 'a''s user may not act on b (42501)');
SELECT throws_ok($$ SELECT monay_private.billing_authorize(tests.id('b'), 'track_operation') $$, '42501',
                 'track_operation: the context of tenant ' || tests.id('a') || ' may not act on tenant ' || tests.id('b'),
                 'the message names the operation, the context''s tenant and the tenant asked for');
SELECT throws_ok($$ SELECT monay_private.billing_authorize(NULL, 'op') $$, '22023', 'op: p_tenant_id must not be NULL',
                 'a NULL tenant raises 22023');

SELECT tests.act_as_tenant_job('b');
SELECT tests.act_as_definer();
SELECT lives_ok($$ SELECT monay_private.billing_authorize(tests.id('b'), 'op') $$, 'a platform job inside b may act on b');
SELECT throws_ok($$ SELECT monay_private.billing_authorize(tests.id('a'), 'op') $$, '42501', NULL,
                 'but not on a (42501)');

SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT lives_ok($$ SELECT monay_private.billing_authorize(tests.id('b'), 'op') $$, 'the platform context may act on any tenant');

SELECT tests.act_as_forger('a', true);
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.billing_authorize(tests.id('a'), 'op') $$, '42501',
                 'op: the context of tenant none (no verified context) may not act on tenant ' || tests.id('a'),
                 'a forged context (even claiming the platform) counts as none (42501)');

SELECT * FROM finish();
ROLLBACK;
