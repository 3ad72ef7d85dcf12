-- monay_private.audit_row_change: who, which context, old and new values, txid; who reads what.
BEGIN;
SELECT plan(12);

SELECT trigger_is('monay', t, t || '_500_audit', 'monay_private', 'audit_row_change', t || ' is audited')
FROM unnest(ARRAY['tenants', 'tenant_users', 'settings']) AS t;

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.make_user('carol');

SELECT tests.act_as('a');
SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('carol'), 'admin');
SELECT results_eq(
    $$ SELECT action, table_name, context_tenant_id, actor_user_id, new_values ->> 'role', old_values IS NULL,
              txid = txid_current(), row_key ->> 'user_id'
       FROM monay.audit_log WHERE tenant_id = tests.id('a') AND row_key ->> 'user_id' = tests.user_id('carol')::text $$,
    $$ VALUES ('INSERT'::text, 'monay.tenant_users'::text, tests.id('a'), tests.user_id('a_owner'), 'admin'::text, true,
               true, tests.user_id('carol')::text) $$,
    'an INSERT records the table, the key, the acting user and tenant context, the new values and the txid');
SELECT monay.add_tenant_member(tests.id('a'), tests.user_id('carol'), 'viewer');
SELECT is((SELECT old_values ->> 'role' || ' -> ' || (new_values ->> 'role') FROM monay.audit_log
           WHERE action = 'UPDATE' AND row_key ->> 'user_id' = tests.user_id('carol')::text),
          'admin -> viewer', 'an UPDATE records old and new values');

-- A platform change of a setting: tenant NULL, the platform flag in detail.
SELECT tests.act_as_platform();
SELECT monay.set_setting('MAX_GROUP_MEMBERS', '150');
SELECT results_eq(
    $$ SELECT tenant_id, detail ->> 'platform', old_values ->> 'value', new_values ->> 'value'
       FROM monay.audit_log WHERE table_name = 'monay.settings' AND row_key ->> 'key' = 'MAX_GROUP_MEMBERS' $$,
    $$ VALUES (NULL::uuid, 'true'::text, '100'::text, '150'::text) $$,
    'a settings change is recorded with no tenant and the platform flag');
SELECT ok(EXISTS (SELECT 1 FROM monay.audit_log WHERE tenant_id = tests.id('b')), 'the platform reads every tenant''s rows');

-- Who reads what.
SELECT tests.act_as('a');
SELECT ok((SELECT count(*) FROM monay.audit_log) > 0, 'tenant a reads its own audit rows');
SELECT is((SELECT count(*) FROM monay.audit_log WHERE tenant_id IS DISTINCT FROM tests.id('a')), 0::bigint,
          'tenant a reads no other tenant''s rows and no rows about no tenant');
SELECT tests.act_as('b');
SELECT is_empty(format('SELECT 1 FROM monay.audit_log WHERE tenant_id = %L', tests.id('a')), 'tenant b does not see a''s audit rows');
SELECT tests.act_as_nobody();
SELECT is_empty($$ SELECT 1 FROM monay.audit_log $$, 'no context: no audit row');
SELECT tests.act_as_forger('a', true);
SELECT is_empty($$ SELECT 1 FROM monay.audit_log $$, 'a forged platform context: no audit row');

SELECT * FROM finish();
ROLLBACK;
