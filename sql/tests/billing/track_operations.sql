-- monay.track_operations: the batch path (set-based), idempotency per operation, limits, isolation.
BEGIN;
SELECT plan(28);

SELECT tests.billing_tenant('a', 'enterprise');
SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('f', 'free');

SELECT has_function('monay', 'track_operations', ARRAY['uuid', 'jsonb'], 'track_operations(uuid, jsonb) exists');

SELECT tests.act_as('a');
CREATE TEMP TABLE r1 ON COMMIT DROP AS
SELECT monay.track_operations(tests.id('a'), replace('[
    {"operation_type": "transfer", "quantity": 10},
    {"operation_type": "smart_contract_deploy"},
    {"operation_type": "kyc_check", "idempotency_key": "k1"},
    {"operation_type": "kyc_check", "idempotency_key": "k1"},
    {"operation_type": "payment", "occurred_at": "2025-06-03T10:00:00Z"},
    {"operation_type": "api_call", "occurred_at": "LASTMONTH"}
]', 'LASTMONTH', (tests.last_month() + interval '2 days')::text)::jsonb) AS v;
SELECT is((SELECT v - 'operation_ids' - 'duplicate_operations' - 'tenant_id' FROM r1),
          '{"received": 6, "recorded": 5, "duplicates": 1, "transactions": 11, "computation_units": 5512}'::jsonb,
          'a batch records each operation once and sums what it recorded');
SELECT is((SELECT jsonb_array_length(v -> 'operation_ids') FROM r1), 5, 'one operation id per recorded operation');
SELECT is((SELECT (v #>> '{duplicate_operations,0,index}')::int FROM r1), 4,
          'the repeated key inside the batch is reported as a duplicate');
SELECT is((SELECT v #>> '{duplicate_operations,0,operation_id}' FROM r1), (SELECT v #>> '{operation_ids,2}' FROM r1),
          'with the operation id of its first occurrence');
SELECT is(tests.billing_counted('a', tests.this_month()), 5511::bigint,
          'this month counts 10 + 5000 + 500 units and the payment dated in an old month (late)');
SELECT is(tests.billing_counted('a', '2025-06-01'), 0::bigint, 'nothing counts in the old month (issue 16, item 1)');
SELECT is(tests.billing_counted('a', tests.last_month()), 1::bigint, 'last month, not billed yet, counts its own call');
SELECT is(tests.billing_counter_rows('a', tests.this_month()), 1::bigint,
          'one counter row for the month: the batch is added with one upsert, not per row');
SELECT is((SELECT count(*) FROM monay.billing_operations WHERE tenant_id = tests.id('a')), 5::bigint,
          'five events are stored');

-- The key again, from track_operation and from another batch
SELECT is(monay.track_operation(tests.id('a'), 'kyc_check', 1, 'k1') ->> 'duplicate', 'true',
          'a key recorded by a batch is a duplicate for track_operation');
SELECT is(monay.track_operations(tests.id('a'), '[{"operation_type": "kyc_check", "idempotency_key": "k1"}]')
              ->> 'recorded', '0', 'and for the next batch');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'), '[{"operation_type": "transfer", "idempotency_key": "k1"}]') $$,
                 'MT406', NULL, 'a key reused with another operation is refused');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'),
                   '[{"operation_type": "transfer", "idempotency_key": "k9"}, {"operation_type": "payment", "idempotency_key": "k9"}]') $$,
                 'MT406', NULL, 'a key used for two different operations in one batch is refused');

-- Errors
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'), '[]') $$, '22023', NULL, 'an empty batch is refused');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'), '{"operation_type": "transfer"}') $$, '22023', NULL,
                 'an object instead of an array is refused');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'), '[{"operation_type": "transfer", "quantity": 0}]') $$,
                 '22023', NULL, 'quantity 0 is refused');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'), '[{"operation_type": "transfer"}, {"operation_type": "warp"}]') $$,
                 'MT401', NULL, 'an unknown type anywhere refuses the batch');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'),
                   (SELECT jsonb_agg(jsonb_build_object('operation_type', 'api_call')) FROM generate_series(1, 10001))) $$,
                 'MT409', NULL, 'more than BILLING_MAX_BATCH_OPERATIONS operations are refused');
-- Issue 16, items 1-3: non-finite or pre-creation times, huge quantities, many months.
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'), '[{"operation_type": "transfer", "occurred_at": "-infinity"}]') $$,
                 'MT415', NULL, '-infinity is refused (MT415)');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'), '[{"operation_type": "transfer", "occurred_at": "2001-01-15"}]') $$,
                 'MT415', NULL, 'a time before the tenant existed is refused (MT415)');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'), (SELECT jsonb_agg(jsonb_build_object(
                   'operation_type', 'smart_contract_deploy', 'quantity', 2147483647)) FROM generate_series(1, 3))) $$,
                 'MT416', NULL, 'quantities above BILLING_MAX_OPERATION_QUANTITY are refused (MT416)');
SELECT lives_ok($$ SELECT monay.track_operations(tests.id('a'), (SELECT jsonb_agg(jsonb_build_object(
                   'operation_type', 'api_call', 'occurred_at', '2024-01-01'::timestamptz + m * interval '1 month'))
                   FROM generate_series(0, 20) m)) $$, 'a batch over 21 distinct months is accepted ...');
SELECT cmp_ok((SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
               AND classid::bigint = 1296253249 % 4294967296), '<=', 2::bigint,
              '... and holds at most two period locks (last and running month), not one per month');

SELECT tests.act_as('f');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('f'), '[{"operation_type": "transfer", "quantity": 600},
                                                                  {"operation_type": "payment", "quantity": 401}]') $$,
                 'MT402', NULL, 'a batch that takes a free tenant past its allowance is refused');
SELECT is(tests.billing_counted('f', tests.this_month(), 'transactions'), 0::bigint, 'and records nothing at all');

-- Isolation
SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'), '[{"operation_type": "transfer"}]') $$, '42501', NULL,
                 'tenant b cannot track for tenant a');
SELECT tests.act_as_forger('a');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('a'), '[{"operation_type": "transfer"}]') $$, '42501', NULL,
                 'a forged context is refused');

SELECT * FROM finish();
ROLLBACK;
