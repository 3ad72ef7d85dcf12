-- monay.enable_user: platform only, idempotent, audited, logins accepted again.
BEGIN;
SELECT plan(9);

SELECT has_function('monay', 'enable_user', ARRAY['uuid'], 'enable_user(uuid) exists');
SELECT is_definer('monay', 'enable_user', ARRAY['uuid'], 'it is SECURITY DEFINER');

SELECT tests.make_tenant('eu_a');
SELECT tests.make_user('eu_off', 'disabled');
SELECT tests.add_member('eu_a', 'eu_off');
CREATE TEMP TABLE eu_tok AS SELECT tests.make_token(tests.user_id('eu_off'), tests.id('eu_a')) AS token;
GRANT SELECT ON eu_tok TO PUBLIC;

SELECT tests.act_as('eu_a');
SELECT throws_ok($$ SELECT monay.enable_user(tests.user_id('eu_off')) $$, '42501', NULL,
                 'the tenant''s owner cannot (42501)');
SELECT tests.act_as_tenant_job('eu_a');
SELECT throws_ok($$ SELECT monay.enable_user(tests.user_id('eu_off')) $$, '42501', NULL,
                 'monay_platform in a tenant context cannot (42501)');

SELECT tests.act_as_platform();
SELECT is((SELECT status FROM monay.enable_user(tests.user_id('eu_off'))), 'active', 'the platform enables the user');
SELECT is((SELECT status FROM monay.enable_user(tests.user_id('eu_off'))), 'active', 'enabling again changes nothing');
SELECT throws_ok($$ SELECT monay.enable_user(gen_random_uuid()) $$, 'MT302', NULL, 'an unknown user: MT302');

SELECT tests.act_as_nobody();
SELECT is((monay.authenticate((SELECT token FROM eu_tok)) ->> 'user_id')::uuid, tests.user_id('eu_off'),
          'the user authenticates again (memberships were kept)');
SELECT tests.as_superuser();
SELECT is((SELECT count(*) FROM monay.audit_log WHERE table_name = 'monay.users'
           AND row_key ->> 'id' = tests.user_id('eu_off')::text AND new_values ->> 'status' = 'active'),
          1::bigint, 'audited once');

SELECT * FROM finish();
ROLLBACK;
