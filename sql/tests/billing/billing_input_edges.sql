-- Defects the fuzzer and the crash tests found in billing (issue 15), kept as reproducers:
-- malformed batch items answer 22023 (not a bare cast error), money beyond 10^15 cents answers
-- MT416 (not an overflow), and a tenant created this month can track in batches.
BEGIN;
SELECT plan(9);

SELECT tests.billing_tenant('edge_a', 'enterprise');
SELECT tests.make_tenant('edge_new', 'small_business');   -- created now, in the running month

SELECT tests.act_as('edge_a');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('edge_a'), '[{"operation_type": "api_call", "quantity": 1.5}]') $$,
                 '22023', NULL, 'a fractional quantity: 22023');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('edge_a'), '[{"operation_type": "api_call", "quantity": "abc"}]') $$,
                 '22023', NULL, 'a quantity that is no number: 22023');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('edge_a'), '[{"operation_type": "api_call", "quantity": 1e10}]') $$,
                 '22023', NULL, 'a quantity beyond an integer: 22023');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('edge_a'), '[{"operation_type": "api_call", "occurred_at": "yesterday-ish"}]') $$,
                 '22023', NULL, 'an occurred_at that is no timestamp: 22023');
SELECT throws_ok($$ SELECT monay.track_operations(tests.id('edge_a'), '[{"operation_type": "api_call", "occurred_at": "294277-01-01T00:00:00Z"}]') $$,
                 '22023', NULL, 'an occurred_at beyond the timestamp range: 22023');

SELECT tests.act_as('edge_new');
SELECT is((monay.track_operations(tests.id('edge_new'), '[{"operation_type": "api_call", "quantity": 2}]') ->> 'recorded')::int, 1,
          'a tenant created this month tracks a batch (its month starts before it existed)');

SELECT throws_ok($$ SELECT monay.apply_margin_markup(9223372036854775807, 60) $$, 'MT416', NULL,
                 'a price beyond 10^15 cents: MT416, no overflow');
SELECT is(monay.apply_margin_markup(100, 60), 250::bigint, 'ordinary prices are unchanged');

SELECT tests.billing_finalize('edge_a', '2025-01-01');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.adjust_bill(tests.id('edge_a'), '2025-01-01', 9223372036854775807, 'huge') $$, 'MT416', NULL,
                 'an adjustment beyond 10^15 cents: MT416, no overflow');

SELECT * FROM finish();
ROLLBACK;
