-- monay_monitor.group_hierarchy: groups and the deepest hierarchy, for GroupHierarchyDepth.
BEGIN;
SELECT plan(4);

SELECT results_eq($$ SELECT groups, max_depth FROM monay_monitor.group_hierarchy $$,
                  $$ VALUES (0::bigint, 0::bigint) $$, 'no group: 0 and 0');
SELECT tests.make_tenant('mgh_h', 'enterprise');
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
INSERT INTO gg VALUES ('top', tests.groups_holding('mgh_h', 'Top'));
INSERT INTO gg VALUES ('mid', tests.groups_holding('mgh_h', 'Mid', (SELECT id FROM gg WHERE k = 'top')));
INSERT INTO gg VALUES ('low', tests.groups_holding('mgh_h', 'Low', (SELECT id FROM gg WHERE k = 'mid')));
INSERT INTO gg VALUES ('alone', tests.groups_holding('mgh_h', 'Alone'));
SELECT tests.as_superuser();
SELECT results_eq($$ SELECT groups, max_depth FROM monay_monitor.group_hierarchy $$,
                  $$ VALUES (4::bigint, 3::bigint) $$, 'four groups, the deepest three levels');
SET LOCAL ROLE monay_monitor;
SELECT is((SELECT max_depth FROM monay_monitor.group_hierarchy), 3::bigint, 'the monitor role reads it');
SELECT throws_ok($$ SELECT 1 FROM monay_private.group_paths $$, '42501', NULL, 'but not the table behind it');

SELECT * FROM finish();
ROLLBACK;
