-- monay.audit_log is append-only: no role updates, deletes or truncates it, its owner included.
BEGIN;
SELECT plan(11);

SELECT trigger_is('monay', 'audit_log', 'audit_log_no_update_delete', 'monay_private', 'audit_log_append_only',
                  'the row trigger is in place');
SELECT trigger_is('monay', 'audit_log', 'audit_log_no_truncate', 'monay_private', 'audit_log_append_only',
                  'the TRUNCATE trigger is in place');

SELECT tests.make_tenant('a');
SELECT ok((SELECT count(*) FROM monay.audit_log WHERE tenant_id = tests.id('a')) > 0, 'tenant a has audit rows');

-- Even the superuser (who bypasses RLS) hits the trigger.
SELECT throws_ok($$ UPDATE monay.audit_log SET detail = '{}' WHERE tenant_id = tests.id('a') $$, '42501', NULL,
                 'superuser UPDATE is refused (42501)');
SELECT throws_ok($$ DELETE FROM monay.audit_log WHERE tenant_id = tests.id('a') $$, '42501', NULL,
                 'superuser DELETE is refused (42501)');
SELECT throws_ok($$ TRUNCATE monay.audit_log $$, '42501', NULL, 'superuser TRUNCATE is refused (42501)');

-- The owner, in the platform context (it sees every row).
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT is((SELECT count(*) FROM monay.audit_log WHERE tenant_id = tests.id('a')) > 0, true, 'the owner sees a''s rows');
CREATE TEMP TABLE n0 AS SELECT count(*) AS n FROM monay.audit_log;
UPDATE monay.audit_log SET detail = '{"tampered": true}';
DELETE FROM monay.audit_log;
SELECT throws_ok($$ TRUNCATE monay.audit_log $$, '42501', NULL, 'monay_owner TRUNCATE is refused (42501)');
SELECT tests.as_superuser();
SELECT is((SELECT count(*) FROM monay.audit_log WHERE detail = '{"tampered": true}'), 0::bigint,
          'monay_owner UPDATE changed nothing (policy USING false)');
SELECT ok((SELECT count(*) FROM monay.audit_log) >= (SELECT n FROM n0),
          'monay_owner DELETE removed nothing (policy USING false)');

SELECT tests.act_as('a');
SELECT throws_ok($$ DELETE FROM monay.audit_log $$, '42501', NULL, 'monay_app has no DELETE grant (42501)');

SELECT * FROM finish();
ROLLBACK;
