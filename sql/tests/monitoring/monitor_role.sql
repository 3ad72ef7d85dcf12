-- Role monay_monitor: NOLOGIN, no RLS bypass; reads the aggregate views of
-- monay_monitor and nothing else (no table of monay or monay_private, no
-- function of monay or monay_private, not the per-violation details); the
-- platform reads the details; the readers leave no platform context behind.
BEGIN;
SELECT plan(15);

SELECT tests.billing_tenant('monrole_a', 'small_business');

SELECT ok((SELECT NOT rolcanlogin AND NOT rolbypassrls AND NOT rolsuper FROM pg_roles WHERE rolname = 'monay_monitor'),
          'monay_monitor is NOLOGIN, NOBYPASSRLS, not a superuser');
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname IN ('monay', 'monay_private') AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND has_table_privilege('monay_monitor', c.oid, 'SELECT,INSERT,UPDATE,DELETE')
                ORDER BY 1),
          '{}'::text[], 'monay_monitor may not read or write any table, view or sequence of monay or monay_private');
SELECT ok((SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname IN ('monay', 'monay_private') AND c.relkind IN ('r', 'p')) > 20,
          'that check covers the tables (it cannot pass vacuously)');
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname IN ('monay', 'monay_private')
                  AND has_function_privilege('monay_monitor', p.oid, 'EXECUTE')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                  AND d.objid = p.oid AND d.deptype = 'e')
                ORDER BY 1),
          '{}'::text[], 'monay_monitor may not execute any function of ours in monay or monay_private');
SELECT ok(NOT has_schema_privilege('monay_monitor', 'monay', 'USAGE')
          AND NOT has_schema_privilege('monay_monitor', 'monay_private', 'USAGE'),
          'monay_monitor has no USAGE on monay or monay_private');
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'monay_monitor' AND c.relkind = 'v'
                  AND has_table_privilege('monay_monitor', c.oid, 'SELECT') ORDER BY 1),
          ARRAY['audit_link', 'billing_failures_recent', 'billing_runs', 'bills_last_month', 'counters',
                'function_calls', 'group_hierarchy', 'isolation_violations', 'refusals', 'table_activity', 'tenants',
                'usage_this_month'],
          'monay_monitor reads exactly the aggregate views');
SELECT ok(NOT has_table_privilege('monay_monitor', 'monay_monitor.isolation_violation_details', 'SELECT')
          AND has_table_privilege('monay_platform', 'monay_monitor.isolation_violation_details', 'SELECT'),
          'the per-violation details are for the platform, not the monitor');

-- As a monitor login would.
SET LOCAL ROLE monay_monitor;
SELECT throws_ok($$ SELECT count(*) FROM monay.tenants $$, '42501', NULL, 'the monitor cannot read monay.tenants');
SELECT throws_ok($$ SELECT count(*) FROM monay_private.billing_failures $$, '42501', NULL,
                 'the monitor cannot read monay_private.billing_failures');
SELECT throws_ok($$ SELECT monay.set_platform_context() $$, '42501', NULL,
                 'the monitor cannot open the platform context');
SELECT throws_ok($$ SELECT monay.calculate_tenant_usage(tests.id('monrole_a')) $$, '42501', NULL,
                 'the monitor cannot call an app function');
SELECT throws_ok($$ SELECT * FROM monay_monitor.isolation_violation_details $$, '42501', NULL,
                 'the monitor cannot list the violations by name');
SELECT is((SELECT sum(tenants) FROM monay_monitor.tenants WHERE tier = 'small_business'), 1::numeric,
          'the monitor reads the tenant counts');
SELECT is((SELECT count(*) FROM monay_monitor.billing_runs), 1::bigint, 'the monitor reads the billing run state');
RESET ROLE;
SELECT is((SELECT platform FROM monay_private.verified_context()), false,
          'after a view that reads under the platform context, the transaction has no context');

SELECT * FROM finish();
ROLLBACK;
