-- monay_monitor.isolation_violations / isolation_violation_details: the runtime
-- self-check of the catalog guard's invariants. Zero on a migrated database;
-- each rule is shown able to fail by a change made by hand (as the superuser,
-- rolled back with the test).
BEGIN;
SELECT plan(12);

SELECT is((SELECT sum(violations) FROM monay_monitor.isolation_violations), 0::numeric,
          'a migrated database has no isolation violation');
SELECT is((SELECT count(*) FROM monay_monitor.isolation_violations), 5::bigint,
          'every rule reports, also at zero (rls_not_forced, policy_missing, partition_exposed, role_bypasses_rls, public_execute)');

-- Break each invariant by hand.
ALTER TABLE monay.tenant_users NO FORCE ROW LEVEL SECURITY;
DROP POLICY tenant_tier_history_delete ON monay.tenant_tier_history;
CREATE ROLE isolation_violations_bypass NOLOGIN BYPASSRLS IN ROLE monay_app;
GRANT EXECUTE ON FUNCTION monay.calculate_tenant_usage(uuid, date) TO PUBLIC;
CREATE TEMP TABLE iv_partition AS
SELECT c.oid::regclass AS part FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'monay.billing_operations'::regclass LIMIT 1;
DO $$ BEGIN EXECUTE format('GRANT SELECT ON %s TO monay_readonly', (SELECT part FROM iv_partition)); END $$;

SELECT set_eq($$ SELECT rule, violations FROM monay_monitor.isolation_violations WHERE violations > 0 $$,
              $$ VALUES ('rls_not_forced', 1::bigint), ('policy_missing', 1::bigint),
                        ('role_bypasses_rls', 1::bigint), ('public_execute', 1::bigint),
                        ('partition_exposed', 1::bigint) $$,
              'each hand-made change counts as one violation of its rule');
SELECT ok(('rls_not_forced', 'tenant_users') IN (SELECT rule, object FROM monay_monitor.isolation_violation_details),
          'details: the table whose RLS is no longer forced');
SELECT ok(('policy_missing', 'tenant_tier_history DELETE') IN
          (SELECT rule, object FROM monay_monitor.isolation_violation_details),
          'details: the table and command without a policy');
SELECT ok(('role_bypasses_rls', 'isolation_violations_bypass') IN
          (SELECT rule, object FROM monay_monitor.isolation_violation_details),
          'details: the role of ours that bypasses RLS');
SELECT ok(('public_execute', 'monay.calculate_tenant_usage(uuid,date)') IN
          (SELECT rule, object FROM monay_monitor.isolation_violation_details),
          'details: the function PUBLIC may execute');
SELECT ok(('partition_exposed', (SELECT c.relname::text FROM iv_partition p JOIN pg_class c ON c.oid = p.part)) IN
          (SELECT rule, object FROM monay_monitor.isolation_violation_details),
          'details: the partition a role of ours reads around its parent''s RLS');

-- Who sees what.
SET LOCAL ROLE monay_monitor;
SELECT is((SELECT sum(violations) FROM monay_monitor.isolation_violations), 5::numeric,
          'the monitor reads the counts');
SELECT throws_ok($$ SELECT * FROM monay_monitor.isolation_violation_details $$, '42501', NULL,
                 'the monitor cannot read the names');
SELECT tests.act_as_platform();
SELECT is((SELECT count(*) FROM monay_monitor.isolation_violation_details), 5::bigint,
          'the platform reads the names');
RESET ROLE;
SET LOCAL ROLE monay_app;
SELECT throws_ok($$ SELECT * FROM monay_monitor.isolation_violations $$, '42501', NULL,
                 'the app role reads neither');

SELECT * FROM finish();
ROLLBACK;
