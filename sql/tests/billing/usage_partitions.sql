-- The monthly partitions of monay.billing_operations that pg_partman keeps: four months
-- premade ahead of the month the database was migrated in, maintenance creates the next
-- ones, and an event whose month has no partition (maintenance not run for months) is
-- still recorded (default partition) and counted for its bill.
-- Months are taken relative to when migration 005 ran, never to a fixed date.
BEGIN;
SELECT plan(7);

CREATE TEMP TABLE migrated ON COMMIT DROP AS
SELECT date_trunc('month', applied_at_utc AT TIME ZONE 'UTC')::date AS month
FROM public._yoyo_migration WHERE migration_id = '005_billing_infrastructure';

CREATE TEMP TABLE parts ON COMMIT DROP AS
SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'monay.billing_operations'::regclass;

SELECT is((SELECT premake FROM partman.part_config WHERE parent_table = 'monay.billing_operations'), 4,
          'pg_partman premakes 4 months');
SELECT is((SELECT count(*) FROM migrated, generate_series(0, 4) m
           WHERE format('billing_operations_p%s', to_char(month + make_interval(months => m), 'YYYY_MM'))
                 IN (SELECT name FROM parts)), 5::bigint,
          'the month of the migration and the 4 after it have their partitions');
SELECT ok(EXISTS (SELECT 1 FROM parts WHERE name = 'billing_operations_default'), 'and a default partition');

-- Maintenance makes a missing future month again.
SELECT tests.as_superuser();
CREATE TEMP TABLE last_month ON COMMIT DROP AS
SELECT format('billing_operations_p%s', to_char(month + interval '4 months', 'YYYY_MM')) AS name FROM migrated;
SELECT lives_ok(format('DROP TABLE monay.%I', (SELECT name FROM last_month)), 'the last premade month dropped');
SELECT partman.run_maintenance('monay.billing_operations', p_jobmon := false);
SELECT ok(EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                  WHERE i.inhparent = 'monay.billing_operations'::regclass
                    AND c.relname = (SELECT name FROM last_month)),
          'run_maintenance creates it again');

-- An event in a month without a partition: default partition, still counted.
SELECT tests.billing_tenant('parts_t', 'small_business');
SELECT lives_ok(format('DROP TABLE monay.%I',
                       'billing_operations_p' || to_char(tests.this_month(), 'YYYY_MM')),
                'this month''s partition is gone (maintenance never ran)');
SELECT tests.act_as('parts_t');
SELECT monay.track_operation(tests.id('parts_t'), 'smart_contract_deploy', 2);
SELECT tests.as_superuser();
SELECT is(tests.billing_counted('parts_t', tests.this_month()), 10000::bigint,
          'an event that landed in the default partition is counted for its month''s bill');

SELECT * FROM finish();
ROLLBACK;
