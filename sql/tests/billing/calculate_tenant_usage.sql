-- monay.calculate_tenant_usage: the usage shape, limits, counters, isolation.
BEGIN;
SELECT plan(12);

SELECT tests.billing_tenant('a', 'enterprise');
SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('f', 'free');

SELECT has_function('monay', 'calculate_tenant_usage', ARRAY['uuid', 'date'], 'calculate_tenant_usage(uuid, date) exists');

SELECT tests.act_as('f');
SELECT monay.track_operation(tests.id('f'), 'transfer', 250);
SELECT monay.track_operation(tests.id('f'), 'kyc_check');
CREATE TEMP TABLE u ON COMMIT DROP AS SELECT monay.calculate_tenant_usage(tests.id('f')) AS v;
SELECT is((SELECT v -> 'transactions' FROM u), '{"limit": 1000, "used": 250, "remaining": 750}'::jsonb,
          'transactions: limit (free allowance), used, remaining');
SELECT is((SELECT v -> 'computation_units' FROM u), '{"limit": 10000, "used": 750, "remaining": 9250}'::jsonb,
          'computation units: limit, used, remaining');
SELECT is((SELECT v ->> 'period' FROM u), tests.this_month()::text, 'the current month by default');
SELECT is((SELECT v ->> 'overage_policy' FROM u), 'refuse', 'the free tier refuses overage');
SELECT is((SELECT v -> 'rate_limit' FROM u), '{"per_second": 20, "burst": 40}'::jsonb, 'and shows its rate limit');

SELECT tests.act_as('b');
SELECT tests.billing_usage('b', '2025-05-01', '[{"operation_type": "transfer", "quantity": 10500}]');
SELECT is(monay.calculate_tenant_usage(tests.id('b'), '2025-05-31') -> 'transactions',
          '{"limit": 10000, "used": 10500, "remaining": 0}'::jsonb, 'a past month; remaining never below 0');
SELECT is(monay.calculate_tenant_usage(tests.id('b'), '2025-05-31') ->> 'overage_policy', 'bill',
          'small_business bills overage');

-- Isolation and errors
SELECT throws_ok($$ SELECT monay.calculate_tenant_usage(tests.id('f')) $$, '42501', NULL,
                 'tenant b cannot read tenant f''s usage');
SELECT throws_ok($$ SELECT monay.calculate_tenant_usage(tests.id('b'), '1999-12-31') $$, '22023', NULL,
                 'a period before 2000 is refused');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.calculate_tenant_usage(tests.id('ghost')) $$, 'MT301', NULL, 'unknown tenant');
SELECT tests.act_as_forger('b');
SELECT throws_ok($$ SELECT monay.calculate_tenant_usage(tests.id('b')) $$, '42501', NULL, 'forged context: refused');

SELECT * FROM finish();
ROLLBACK;
