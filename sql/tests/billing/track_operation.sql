-- monay.track_operation: recording, idempotency, limits, late events, isolation.
BEGIN;
SELECT plan(41);

SELECT tests.billing_tenant('a', 'enterprise');
SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('f', 'free');
SELECT tests.billing_tenant('r', 'free');
SELECT tests.billing_tenant('s', 'small_business', '2024-01-01', 'suspended');

SELECT has_function('monay', 'track_operation', ARRAY['uuid', 'text', 'integer', 'text', 'timestamp with time zone'],
                    'track_operation(uuid, text, integer, text, timestamptz) exists');
SELECT is_definer('monay', 'track_operation', ARRAY['uuid', 'text', 'integer', 'text', 'timestamp with time zone'],
                  'track_operation is SECURITY DEFINER');

-- What it records
SELECT tests.act_as('a');
CREATE TEMP TABLE r1 ON COMMIT DROP AS
SELECT monay.track_operation(tests.id('a'), 'smart_contract_deploy') AS v;
SELECT is((SELECT (v ->> 'computation_units')::bigint FROM r1), 5000::bigint, 'a smart contract deploy is 5000 units');
SELECT is((SELECT v ->> 'duplicate' FROM r1), 'false', 'a first call is not a duplicate');
SELECT ok((SELECT (v ->> 'operation_id')::bigint FROM r1) > 0, 'it returns an operation id');
SELECT is((SELECT v ->> 'billing_period' FROM r1), tests.this_month()::text, 'it counts in the current month');
SELECT is(tests.billing_counted('a', tests.this_month()), 5000::bigint, 'the units are in the month''s counters');
SELECT is((SELECT count(*) FROM monay.billing_operations WHERE tenant_id = tests.id('a')), 1::bigint,
          'the event is visible to its tenant');
SELECT is((monay.track_operation(tests.id('a'), 'transfer', 3) ->> 'transactions')::bigint, 3::bigint,
          'a transfer of quantity 3 is 3 transactions');
SELECT is(tests.billing_counted('a', tests.this_month(), 'transactions'), 3::bigint, 'transactions are counted');

-- Idempotency
CREATE TEMP TABLE r2 ON COMMIT DROP AS
SELECT monay.track_operation(tests.id('a'), 'kyc_check', 1, 'key-1') AS v;
SELECT is((monay.track_operation(tests.id('a'), 'kyc_check', 1, 'key-1') ->> 'operation_id'),
          (SELECT v ->> 'operation_id' FROM r2), 'the same key returns the first operation id');
SELECT is((monay.track_operation(tests.id('a'), 'kyc_check', 1, 'key-1') ->> 'duplicate'), 'true',
          'the repeat says duplicate');
SELECT is(monay.track_operation(tests.id('a'), 'kyc_check', 1, 'key-1') - 'duplicate',
          (SELECT v - 'duplicate' FROM r2),
          'the repeat''s response (rebuilt from the event the key stands for) is the first response');
SELECT is(tests.billing_counted('a', tests.this_month()), 5500::bigint + 3, 'the repeat recorded nothing more');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'kyc_check', 2, 'key-1') $$, 'MT406', NULL,
                 'the same key with another quantity is refused');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'transfer', 1, 'key-1') $$, 'MT406', NULL,
                 'the same key with another type is refused');

-- Errors
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'teleport') $$, 'MT401', NULL,
                 'an unknown operation type is refused');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'transfer', 0) $$, '22023', NULL,
                 'quantity 0 is refused');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'transfer', 1, NULL, now() + interval '1 hour') $$,
                 '22023', NULL, 'an operation in the future is refused');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'transfer', 1, repeat('k', 201)) $$,
                 '22023', NULL, 'an idempotency key over 200 characters is refused');

SELECT tests.act_as('f');
SELECT lives_ok($$ SELECT monay.track_operation(tests.id('f'), 'transfer', 1000) $$,
                'a free tenant may use its whole allowance (1000 transactions)');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('f'), 'transfer') $$, 'MT402', NULL,
                 'a free tenant beyond its included transactions is refused');
SELECT is(tests.billing_counted('f', tests.this_month(), 'transactions'), 1000::bigint,
          'the refused operation recorded nothing');

SELECT tests.act_as('r');
SELECT lives_ok($$ SELECT count(monay.track_operation(tests.id('r'), 'api_call')) FROM generate_series(1, 40) $$,
                'a free tenant may burst 40 calls');
SELECT tests.billing_drain_rate_limit('r');  -- as 41 calls within 50 ms would (not timing-dependent)
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('r'), 'api_call') $$, 'MT403', NULL,
                 'a call beyond the burst exceeds the free rate limit');

SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('s'), 'transfer') $$, 'MT404', NULL,
                 'a suspended tenant is refused');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('nobody'), 'transfer') $$, 'MT301', NULL,
                 'an unknown tenant is refused');

-- Late events (issue 16, item 1): last month counts its own usage until it
-- is billed; anything older, or billed, counts in the running month, late.
SELECT tests.act_as('b');
SELECT is(monay.track_operation(tests.id('b'), 'transfer', 1, NULL, tests.last_month() + interval '9 days')
              ->> 'billing_period', tests.last_month()::text,
          'an operation of last month, not billed yet, counts in that month');
SELECT tests.billing_finalize('b', tests.last_month());
SELECT tests.act_as('b');
SELECT is(monay.track_operation(tests.id('b'), 'transfer', 1, NULL, tests.last_month() + interval '19 days')
              - ARRAY['operation_id', 'occurred_at', 'tenant_id', 'operation_type', 'quantity'],
          jsonb_build_object('late', true, 'duplicate', false, 'transactions', 1,
                             'billing_period', tests.this_month(), 'computation_units', 1),
          'an operation of a finalized month counts in the running month, marked late');
SELECT is(monay.track_operation(tests.id('b'), 'smart_contract_deploy', 100, NULL, '2024-06-15')
              - ARRAY['operation_id', 'occurred_at', 'tenant_id', 'operation_type', 'quantity', 'transactions'],
          jsonb_build_object('late', true, 'duplicate', false, 'billing_period', tests.this_month(),
                             'computation_units', 500000),
          'an operation older than last month (never billed later) counts in the running month, late');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('b'), 'smart_contract_deploy', 100, NULL, '2001-01-15') $$,
                 'MT415', NULL, 'an operation before the tenant existed is refused (MT415)');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('b'), 'transfer', 1, NULL, '-infinity') $$,
                 'MT415', NULL, '-infinity is refused (MT415)');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('b'), 'transfer', 2147483647) $$,
                 'MT416', NULL, 'a quantity above BILLING_MAX_OPERATION_QUANTITY is refused (MT416)');
SELECT is(tests.billing_counted('b', '2024-06-01'), 0::bigint, 'nothing was counted in the old month');
-- The raw path follows the same rule.
INSERT INTO monay.billing_operations (operation_type, occurred_at) VALUES ('transfer', '2024-07-01');
SELECT is((SELECT billing_period::text || ' ' || late FROM monay.billing_operations
           WHERE tenant_id = tests.id('b') AND occurred_at = '2024-07-01'),
          tests.this_month()::text || ' true', 'a raw insert of an old month counts in the running month, late');
SELECT throws_ok($$ INSERT INTO monay.billing_operations (operation_type, occurred_at) VALUES ('transfer', '2003-01-01') $$,
                 'MT415', NULL, 'a raw insert before the tenant existed is refused (MT415)');
-- A free tenant at its allowance gets no fresh allowance in a past month.
SELECT tests.billing_tenant('track_operation_fz', 'free');
SELECT tests.act_as('track_operation_fz');
SELECT monay.track_operation(tests.id('track_operation_fz'), 'transfer', 1000);
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('track_operation_fz'), 'transfer', 1, NULL, '2024-03-03') $$,
                 'MT402', NULL, 'a free tenant at its allowance cannot record usage dated in an old month');

-- Isolation
SELECT tests.act_as('a');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('b'), 'transfer') $$, '42501', NULL,
                 'tenant a cannot track for tenant b');
SELECT is_empty($$ SELECT 1 FROM monay.billing_operations WHERE tenant_id = tests.id('b') $$,
                'tenant a sees none of tenant b''s events');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'transfer') $$, '42501', NULL,
                 'no context: refused');
SELECT tests.act_as_forger('a');
SELECT throws_ok($$ SELECT monay.track_operation(tests.id('a'), 'transfer') $$, '42501', NULL,
                 'a forged context: refused');

SELECT * FROM finish();
ROLLBACK;
