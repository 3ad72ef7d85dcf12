-- monay_private.check_audit_link: answers whether refusals would be recorded durably, writes nothing.
BEGIN;
SELECT plan(10);

SELECT has_function('monay_private', 'check_audit_link', ARRAY[]::text[], 'check_audit_link() exists');
SELECT is_definer('monay_private', 'check_audit_link', ARRAY[]::text[], 'it is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.check_audit_link()', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.check_audit_link()', 'EXECUTE')
          AND NOT has_function_privilege('monay_readonly', 'monay_private.check_audit_link()', 'EXECUTE'),
          'no application role may call it (it is for the DBA)');

CREATE TEMP TABLE cal_before AS SELECT count(*) AS n FROM monay.audit_log;
SELECT is(monay_private.check_audit_link() - 'this_database' - 'link_database',
          '{"ok": true, "reason": null, "configured": true, "link_user": "monay_audit_writer"}'::jsonb,
          'the link monaydb configured on the embedded cluster is ok');
SELECT is(monay_private.check_audit_link() ->> 'link_database', monay_private.database_identity(),
          'it reaches this very database');
SELECT is((SELECT count(*) FROM monay.audit_log), (SELECT n FROM cal_before), 'checking wrote nothing');

-- Pointed at another database (the maintenance db `postgres`, without our schema).
UPDATE monay_private.audit_link SET dsn = regexp_replace(dsn, 'dbname=''?[^ '']+''?', 'dbname=postgres');
SELECT is(monay_private.check_audit_link() -> 'ok', 'false'::jsonb, 'a link to another database is not ok');
SELECT matches(monay_private.check_audit_link() ->> 'reason', '^(cannot use the audit link: |the audit link reaches another database \(\d+/\d+\), not this one)',
               'the reason says why, in one line (the remote error, or that it is another database)');

-- Unreachable: the connection's own error.
UPDATE monay_private.audit_link SET dsn = 'host=/nonexistent-socket-dir dbname=x user=y connect_timeout=2';
SELECT matches(monay_private.check_audit_link() ->> 'reason', '^cannot use the audit link: could not establish connection: .*nonexistent-socket-dir',
               'an unreachable server: the connection error with libpq''s reason');

DELETE FROM monay_private.audit_link;
SELECT is(monay_private.check_audit_link() - 'this_database',
          '{"ok": false, "configured": false, "reason": "no audit link configured: see docs/operations.md, \"The audit link\""}'::jsonb,
          'no link: configured false, and where to read how');

SELECT * FROM finish();
ROLLBACK;
