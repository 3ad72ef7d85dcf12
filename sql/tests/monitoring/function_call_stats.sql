-- monay_monitor.function_call_stats() / function_calls: calls and time per
-- function of schema monay from pg_stat_statements (preloaded by the embedded
-- cluster), as sums that never show a statement's text; the p95 estimate is at
-- least the mean.
BEGIN;
SELECT plan(8);

SELECT tests.make_tenant('fcs_a');

SELECT has_function('monay_monitor', 'function_call_stats', ARRAY[]::text[], 'function_call_stats() exists');
SELECT is_definer('monay_monitor', 'function_call_stats', ARRAY[]::text[], 'it is SECURITY DEFINER');
SELECT columns_are('monay_monitor', 'function_calls',
                   ARRAY['function_name', 'calls', 'total_seconds', 'mean_seconds', 'p95_estimate_seconds'],
                   'the view has sums only, no statement text');

-- Three top-level statements that call monay.apply_margin_markup.
SELECT is(monay.apply_margin_markup(100, 60), 250::bigint, 'call 1');
SELECT is(monay.apply_margin_markup(100, 70), 334::bigint, 'call 2');

SET LOCAL ROLE monay_monitor;
SELECT cmp_ok((SELECT calls FROM monay_monitor.function_calls WHERE function_name = 'apply_margin_markup'),
              '>=', 2::bigint, 'the monitor sees the calls of apply_margin_markup');
SELECT ok((SELECT p95_estimate_seconds >= mean_seconds AND mean_seconds >= 0 AND total_seconds >= 0
           FROM monay_monitor.function_calls WHERE function_name = 'apply_margin_markup'),
          'p95 estimate >= mean >= 0');
SELECT tests.act_as('fcs_a');
SELECT throws_ok($$ SELECT * FROM monay_monitor.function_call_stats() $$, '42501', NULL,
                 'the app role may not call it');

SELECT * FROM finish();
ROLLBACK;
