-- monay.disable_user (and its body monay_private.set_user_status): platform only, idempotent, audited, logins refused.
BEGIN;
SELECT plan(13);

SELECT has_function('monay', 'disable_user', ARRAY['uuid'], 'disable_user(uuid) exists');
SELECT is_definer('monay', 'disable_user', ARRAY['uuid'], 'it is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay.disable_user(uuid)', 'EXECUTE'),
          'the application role may not call it');

SELECT tests.make_tenant('du_a');
SELECT tests.add_member('du_a', 'du_member');
SELECT tests.make_tenant('du_b');
CREATE TEMP TABLE du_tok AS SELECT tests.make_token(tests.user_id('du_member'), tests.id('du_a')) AS token;
GRANT SELECT ON du_tok TO PUBLIC;

SELECT tests.act_as_platform();
SELECT is((SELECT status FROM monay.disable_user(tests.user_id('du_member'))), 'disabled', 'the platform disables a user');
SELECT is((SELECT status FROM monay.disable_user(tests.user_id('du_member'))), 'disabled',
          'disabling again changes nothing (idempotent)');
SELECT is((SELECT count(*) FROM monay.audit_log WHERE table_name = 'monay.users' AND action = 'UPDATE'
           AND row_key ->> 'id' = tests.user_id('du_member')::text AND new_values ->> 'status' = 'disabled'),
          1::bigint, 'audited once (the no-op writes nothing)');
SELECT throws_ok($$ SELECT monay.disable_user(gen_random_uuid()) $$, 'MT302', NULL, 'an unknown user: MT302');
SELECT throws_ok($$ SELECT monay.disable_user(NULL) $$, '22023', NULL, 'NULL: 22023');

SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.authenticate((SELECT token FROM du_tok)) $$, 'MT208', NULL,
                 'the disabled user''s token is refused (MT208)');

-- Who else may not: a tenant owner (even of the user's tenant), a tenant job, a forger.
SELECT tests.act_as_tenant_job('du_a');
SELECT throws_ok($$ SELECT monay.disable_user(tests.user_id('du_b_owner')) $$, '42501', NULL,
                 'monay_platform in a tenant context cannot (42501)');
SELECT tests.act_as_forger('du_a', true);
SELECT throws_ok($$ SELECT monay.disable_user(tests.user_id('du_b_owner')) $$, '42501', NULL,
                 'a forged platform context cannot (42501)');
SELECT tests.act_as('du_a');
SELECT throws_ok($$ SELECT monay_private.set_user_status('disable_user', tests.user_id('du_b_owner'), 'disabled') $$,
                 '42501', NULL, 'the application cannot reach the private body either (42501)');
SELECT tests.as_superuser();
SELECT is((SELECT status FROM monay.users WHERE id = tests.user_id('du_b_owner')), 'active', 'the refusals changed nothing');

SELECT * FROM finish();
ROLLBACK;
