-- monay_private.tenants_fill_defaults (BEFORE INSERT/UPDATE trigger on monay.tenants): name
-- defaults to the code; updated_at and status_changed_at follow the row. Tested through the table.
BEGIN;
SELECT plan(8);

SELECT trigger_is('monay', 'tenants', 'tenants_100_fill_defaults', 'monay_private', 'tenants_fill_defaults',
                  'tenants carries the tenants_100_fill_defaults trigger');
SELECT isnt_definer('monay_private', 'tenants_fill_defaults', '{}'::text[], 'tenants_fill_defaults is SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.tenants_fill_defaults()', 'EXECUTE'),
          'monay_app cannot execute tenants_fill_defaults');

INSERT INTO monay.tenants (id) VALUES (tests.id('nameless'));
SELECT is((SELECT name = tenant_code AND name IS NOT NULL FROM monay.tenants WHERE id = tests.id('nameless')), true,
          'a tenant inserted without a name is named by its code');
INSERT INTO monay.tenants (id, name) VALUES (tests.id('named'), 'Named Ltd');
SELECT is((SELECT name FROM monay.tenants WHERE id = tests.id('named')), 'Named Ltd', 'a given name is kept');

-- Back-date the row (as an update, so the trigger's own updated_at = now() is
-- overwritten only where the test says so): updated_at always follows.
UPDATE monay.tenants SET updated_at = '2020-01-01', status_changed_at = '2020-01-01' WHERE id = tests.id('named');
SELECT is((SELECT (updated_at, status_changed_at) FROM monay.tenants WHERE id = tests.id('named')),
          (now(), '2020-01-01 00:00+00'::timestamptz),
          'an update sets updated_at to now() whatever it says; status_changed_at is kept when status does not change');
UPDATE monay.tenants SET status = 'suspended', status_changed_at = '2020-01-01' WHERE id = tests.id('named');
SELECT is((SELECT status_changed_at FROM monay.tenants WHERE id = tests.id('named')), now(),
          'a status change sets status_changed_at to now()');
SELECT throws_ok($$ INSERT INTO monay.tenants (id, tenant_code) VALUES (tests.id('bad'), NULL) $$, '23502', NULL,
                 'no name and no code: the NOT NULL on name still refuses the row (23502)');

SELECT * FROM finish();
ROLLBACK;
