-- monay.enforce_tenant_limits: the dry run of the limits track_operation enforces.
BEGIN;
SELECT plan(15);

SELECT tests.billing_tenant('a', 'enterprise');
SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('f', 'free');
SELECT tests.billing_tenant('s', 'free', '2024-01-01', 'suspended');

SELECT has_function('monay', 'enforce_tenant_limits', ARRAY['uuid', 'text', 'integer'],
                    'enforce_tenant_limits(uuid, text, integer) exists');

SELECT tests.act_as('f');
SELECT monay.track_operation(tests.id('f'), 'transfer', 990);
SELECT is(monay.enforce_tenant_limits(tests.id('f'), 'transfer', 10) -> 'transactions',
          '{"limit": 1000, "used": 990, "requested": 10}'::jsonb, 'free: up to the allowance is allowed');
SELECT is(monay.enforce_tenant_limits(tests.id('f'), 'transfer', 10) ->> 'allowed', 'true', '... allowed: true');
SELECT is(monay.enforce_tenant_limits(tests.id('f'), 'transfer', 11) - ARRAY['tenant_id', 'computation_units', 'quantity'],
          jsonb_build_object('allowed', false, 'tier', 'free', 'overage_policy', 'refuse', 'operation_type', 'transfer',
              'overage', true, 'transactions', '{"limit": 1000, "used": 990, "requested": 11}'::jsonb,
              'refusal', jsonb_build_object('sqlstate', 'MT402', 'message',
                  'tenant ' || tests.id('f') || ' (tier free) would exceed its included transactions for '
                  || to_char(tests.this_month(), 'YYYY-MM') || ': limit 1000, used 990, requested 11')),
          'free: beyond the allowance is answered (allowed false, MT402 and the message naming tenant, limit, usage), not raised');
SELECT is(tests.billing_counted('f', tests.this_month(), 'transactions'), 990::bigint, 'a dry run records nothing');
SELECT is(monay.enforce_tenant_limits(tests.id('f'), 'smart_contract_deploy', 21) #>> '{refusal,sqlstate}', 'MT402',
          'free: computation units beyond the allowance are refused too (answered)');

SELECT tests.act_as('b');
SELECT monay.track_operation(tests.id('b'), 'transfer', 20000);
SELECT is(monay.enforce_tenant_limits(tests.id('b'), 'transfer') ->> 'overage', 'true',
          'a paid tier beyond its allowance is allowed, as overage');

SELECT tests.act_as('a');
SELECT is(monay.enforce_tenant_limits(tests.id('a'), 'smart_contract_deploy') #>> '{computation_units,requested}',
          '5000', 'the request in units');
SELECT throws_ok($$ SELECT monay.enforce_tenant_limits(tests.id('a'), 'warp') $$, 'MT401', NULL, 'unknown type');
SELECT throws_ok($$ SELECT monay.enforce_tenant_limits(tests.id('a'), 'transfer', -1) $$, '22023', NULL,
                 'a negative quantity');

-- Rate limit: the burst of this connection's slot is visible without being used.
SELECT tests.act_as('f');
SELECT lives_ok($$ SELECT count(monay.track_operation(tests.id('f'), 'api_call')) FROM generate_series(1, 39) $$,
                'free: 39 more calls (40 with the first) fit the burst');
SELECT tests.billing_drain_rate_limit('f');  -- the bucket empty, whatever the machine's speed
SELECT is(monay.enforce_tenant_limits(tests.id('f'), 'api_call') #>> '{refusal,sqlstate}', 'MT403',
          'the next call would exceed the rate limit: refused (answered, allowed false)');

SELECT tests.act_as_platform();
SELECT is(monay.enforce_tenant_limits(tests.id('s'), 'transfer') #>> '{refusal,sqlstate}', 'MT404',
          'a suspended tenant is refused (answered)');
SELECT throws_ok($$ SELECT monay.enforce_tenant_limits(tests.id('s'), 'transfer', 2000000) $$, 'MT416', NULL,
                 'a quantity above BILLING_MAX_OPERATION_QUANTITY is a bad request: raised (MT416)');
SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay.enforce_tenant_limits(tests.id('a'), 'transfer') $$, '42501', NULL,
                 'tenant b cannot ask about tenant a');

SELECT * FROM finish();
ROLLBACK;
