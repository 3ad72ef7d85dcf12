-- monay_demo.track_demo_month: a tier-shaped month of operations for demos.
BEGIN;
SELECT plan(9);

SELECT tests.billing_tenant('f', 'free');
SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('e', 'enterprise');
SELECT has_function('monay_demo', 'track_demo_month', ARRAY['uuid', 'date', 'integer'], 'track_demo_month(uuid, date, integer) exists');
SELECT tests.act_as_platform();
CREATE TEMP TABLE d ON COMMIT DROP AS SELECT monay_demo.track_demo_month(tests.id('f'), tests.last_month()) AS v;
SELECT is((SELECT (v ->> 'calls')::int FROM d), ((tests.last_month() + interval '1 month')::date - tests.last_month()),
          'one call per day of last month (a month usage may still count in, issue 16)');
SELECT ok((SELECT (v ->> 'transactions')::bigint BETWEEN 1 AND 1000 FROM d), 'a free month stays inside its allowance');
SELECT ok((SELECT (v ->> 'computation_units')::bigint BETWEEN 1 AND 10000 FROM d), 'transactions and computation units');
SELECT ok((monay_demo.track_demo_month(tests.id('b'), tests.last_month()) ->> 'transactions')::bigint > 10000,
          'a small_business month goes into overage');
CREATE TEMP TABLE de ON COMMIT DROP AS SELECT monay_demo.track_demo_month(tests.id('e'), tests.last_month()) AS v;
SELECT ok((SELECT (v ->> 'transactions')::bigint > 100000 FROM de), 'an enterprise month goes into overage');
SELECT ok((SELECT (v ->> 'computation_units')::bigint < 1000000 FROM de), 'inside its computation units');
SELECT is(tests.billing_counted('b', tests.last_month(), 'transactions'),
          (SELECT sum(transactions)::bigint FROM monay.billing_operations WHERE tenant_id = tests.id('b')),
          'counted units equal the events');
SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay_demo.track_demo_month(tests.id('b'), tests.last_month()) $$, '42501', NULL, 'platform only');

SELECT * FROM finish();
ROLLBACK;
