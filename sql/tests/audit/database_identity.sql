-- monay_private.database_identity: cluster system identifier / database oid.
BEGIN;
SELECT plan(4);

SELECT has_function('monay_private', 'database_identity', ARRAY[]::text[], 'database_identity() exists');
SELECT is(monay_private.database_identity(),
          (SELECT system_identifier FROM pg_control_system())::text || '/'
          || (SELECT oid FROM pg_database WHERE datname = current_database())::text,
          'it is <system identifier>/<database oid>');
SELECT ok(has_function_privilege('monay_audit', 'monay_private.database_identity()', 'EXECUTE'),
          'the audit writer may call it (the link compares both ends)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.database_identity()', 'EXECUTE'),
          'the application may not');

SELECT * FROM finish();
ROLLBACK;
