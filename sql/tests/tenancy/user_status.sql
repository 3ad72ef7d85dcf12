-- monay_private.user_status: a user's status (NULL if unknown), read under that user's own
-- context, the caller's context restored. Internal: only monay_owner may execute it, so
-- contexts are set with tests.act_as* then tests.act_as_definer().
BEGIN;
SELECT plan(10);

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.make_user('gone', 'disabled');

SELECT has_function('monay_private', 'user_status', ARRAY['uuid'], 'user_status(uuid) exists');
SELECT is_definer('monay_private', 'user_status', ARRAY['uuid'], 'user_status is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.user_status(uuid)', 'EXECUTE'),
          'monay_app cannot execute user_status');

SELECT tests.act_as('a');
SELECT tests.act_as_definer();
SELECT is((SELECT count(*) FROM monay.users WHERE id = tests.user_id('b_owner')), 0::bigint,
          'in a''s context, RLS hides b''s owner even from monay_owner');
SELECT is(monay_private.user_status(tests.user_id('b_owner')), 'active', 'yet user_status tells that user is active');
SELECT is(monay_private.user_status(tests.user_id('gone')), 'disabled', 'a disabled user reads disabled');
SELECT is(monay_private.user_status(tests.user_id('nobody')), NULL, 'an unknown user reads NULL');
SELECT is(monay_private.user_status(NULL), NULL, 'NULL reads NULL');
SELECT is((SELECT (tenant_id, user_id, platform) FROM monay_private.verified_context()),
          (tests.id('a'), tests.user_id('a_owner'), false), 'the caller''s tenant context is restored, still verified');

SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT monay_private.user_status(tests.user_id('a_owner'));
SELECT is(monay.is_platform_context(), true, 'the platform context is restored too');

SELECT * FROM finish();
ROLLBACK;
