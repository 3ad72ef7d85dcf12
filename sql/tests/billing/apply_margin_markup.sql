-- monay.apply_margin_markup: lowest whole-cent price with at least the margin.
BEGIN;
SELECT plan(9);

SELECT has_function('monay', 'apply_margin_markup', ARRAY['bigint', 'numeric'], 'apply_margin_markup(bigint, numeric) exists');
SELECT volatility_is('monay', 'apply_margin_markup', ARRAY['bigint', 'numeric'], 'immutable', 'it is IMMUTABLE');
SELECT is(monay.apply_margin_markup(100, 60), 250::bigint, 'cost 100 at 60% -> 250 (margin exactly 60%)');
SELECT is(monay.apply_margin_markup(100, 70), 334::bigint, 'cost 100 at 70% -> 333.33 rounded up to 334');
SELECT is(monay.apply_margin_markup(0, 90), 0::bigint, 'no cost, no price');
SELECT ok((SELECT bool_and((monay.apply_margin_markup(c, m) - c) * 100 >= m * monay.apply_margin_markup(c, m))
           FROM generate_series(1, 300) c, unnest(ARRAY[0, 12.5, 60, 70, 89.99]::numeric[]) m),
          'the margin always reaches the target (300 costs x 5 margins)');
SELECT throws_ok($$ SELECT monay.apply_margin_markup(100, 100) $$, '22023', NULL, 'a margin of 100% is refused');
SELECT throws_ok($$ SELECT monay.apply_margin_markup(-1, 60) $$, '22023', NULL, 'a negative cost is refused');
SELECT throws_ok($$ SELECT monay.apply_margin_markup(100, NULL) $$, '22023', NULL, 'a NULL margin is refused');

SELECT * FROM finish();
ROLLBACK;
