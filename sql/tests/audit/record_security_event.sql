-- monay_private.record_security_event: durable over dblink; degrades to a counter and a warning.
BEGIN;
SELECT plan(10);

SELECT ok(EXISTS (SELECT 1 FROM monay_private.audit_link), 'monaydb configured the audit link for this database');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.record_security_event(text, uuid, uuid, jsonb)', 'EXECUTE'),
          'the application cannot write security events itself');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.write_security_event(text, uuid, uuid, jsonb, text, xid8)', 'EXECUTE'),
          'nor call the remote half');

CREATE TEMP TABLE marker AS SELECT gen_random_uuid() AS u;

-- Written inside a savepoint that is rolled back: the row survives.
SAVEPOINT s;
SELECT monay_private.record_security_event('switch_refused', NULL, (SELECT u FROM marker), '{"test": 1}');
ROLLBACK TO SAVEPOINT s;
SELECT is((SELECT count(*) FROM monay.audit_log WHERE actor_user_id = (SELECT u FROM marker)), 1::bigint,
          'the event written over dblink survives the rollback of the caller''s savepoint');
SELECT results_eq($$ SELECT txid, db_user, action, detail ->> 'test' FROM monay.audit_log
                     WHERE actor_user_id = (SELECT u FROM marker) $$,
                  $$ VALUES (txid_current(), session_user::text COLLATE "default", 'switch_refused'::text, '1'::text) $$,
                  'it names the caller''s transaction and database user (not the dblink session''s)');

SELECT throws_ok($$ SELECT monay_private.write_security_event('INSERT', NULL, NULL, NULL, NULL, NULL) $$, '22023', NULL,
                 'the remote half writes only security events (22023)');

-- A detail over 4 KB is replaced by its size (audit rows can never be deleted).
CREATE TEMP TABLE marker2 AS SELECT gen_random_uuid() AS u;
SELECT monay_private.record_security_event('auth_refused', NULL, (SELECT u FROM marker2),
                                           jsonb_build_object('sqlstate', 'MT201', 'junk', repeat('z', 10000)));
SELECT is((SELECT detail FROM monay.audit_log WHERE actor_user_id = (SELECT u FROM marker2)),
          '{"sqlstate": "MT201", "detail_truncated_bytes": 10033}'::jsonb,
          'a detail over 4096 bytes is stored as its size and SQLSTATE only');

-- No link: not durable, but counted (sequences ignore rollbacks) and the caller goes on.
CREATE TEMP TABLE seq0 AS SELECT last_value FROM monay_private.security_event_seq;
DELETE FROM monay_private.audit_link;
SELECT is(monay_private.record_security_event('auth_refused', NULL, (SELECT u FROM marker), '{}'), false,
          'without a link it returns false (and warns)');
SELECT ok((SELECT last_value FROM monay_private.security_event_seq) > (SELECT last_value FROM seq0),
          'the event is still counted by security_event_seq');
-- A broken link: same, no error for the caller.
SELECT monay_private.configure_audit_link('host=/nonexistent-socket-dir dbname=nowhere connect_timeout=1');
SELECT is(monay_private.record_security_event('auth_refused', NULL, (SELECT u FROM marker), '{}'), false,
          'a link that cannot connect returns false instead of failing the caller');

SELECT * FROM finish();
ROLLBACK;
