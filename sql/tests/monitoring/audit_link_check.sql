-- monay_monitor.audit_link_check(): up when the dblink audit link connects and
-- its login may write security events; down without a link, or when it cannot
-- connect (within connect_timeout). The monitor and the platform may call it,
-- the app may not.
BEGIN;
SELECT plan(9);

SELECT tests.make_tenant('audit_link_check_a');

SELECT has_function('monay_monitor', 'audit_link_check', ARRAY[]::text[], 'audit_link_check() exists');
SELECT is_definer('monay_monitor', 'audit_link_check', ARRAY[]::text[], 'it is SECURITY DEFINER');
SELECT function_returns('monay_monitor', 'audit_link_check', ARRAY[]::text[], 'boolean', 'it returns boolean');

SET LOCAL ROLE monay_monitor;
SELECT is(monay_monitor.audit_link_check(), true, 'up: the link of this database connects and may write');
SELECT is((SELECT up FROM monay_monitor.audit_link), 1, 'the view says 1');
RESET ROLE;

UPDATE monay_private.audit_link SET dsn = 'host=/nonexistent-monay-socket-dir port=1 dbname=nowhere';
SET LOCAL ROLE monay_monitor;
SELECT is(monay_monitor.audit_link_check(), false, 'down: the link cannot connect');
RESET ROLE;

DELETE FROM monay_private.audit_link;
SELECT tests.act_as_platform();
SELECT is(monay_monitor.audit_link_check(), false, 'down: no link configured (the platform may ask too)');

SELECT tests.act_as('audit_link_check_a');
SELECT throws_ok($$ SELECT monay_monitor.audit_link_check() $$, '42501', NULL, 'the app role may not call it');
RESET ROLE;
SELECT is((SELECT count(*) FROM unnest(monay_private.dblink_get_connections()) c WHERE c LIKE 'monay_monitor_%'), 0::bigint,
          'no dblink connection is left open');

SELECT * FROM finish();
ROLLBACK;
