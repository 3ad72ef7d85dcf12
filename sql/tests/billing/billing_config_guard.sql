-- billing_config_guard.sql, tested through its tables: monay_private.billing_tier_config_guard
-- (BEFORE row trigger: only future price versions change, MT414), billing_margin_floor_check
-- (AFTER statement trigger on billing_tier_config, operation_costs, stablecoin_payment_config:
-- MT411) and billing_margin_violation (the rule both use; called directly as the test superuser).
BEGIN;
SELECT plan(13);

SELECT trigger_is('monay', 'billing_tier_config', 'billing_tier_config_guard', 'monay_private', 'billing_tier_config_guard',
                  'billing_tier_config carries the version guard');
SELECT ok((SELECT count(*) FROM pg_trigger WHERE tgfoid = 'monay_private.billing_margin_floor_check()'::regprocedure
           AND tgrelid IN ('monay.billing_tier_config'::regclass, 'monay.operation_costs'::regclass,
                           'monay.stablecoin_payment_config'::regclass)) = 3,
          'the margin floor check is on billing_tier_config, operation_costs and stablecoin_payment_config');
SELECT is_definer('monay_private', 'billing_margin_floor_check', '{}'::text[],
                  'billing_margin_floor_check is SECURITY DEFINER (the platform role has no monay_private)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_margin_violation(text, date)', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.billing_margin_violation(text, date)', 'EXECUTE'),
          'neither monay_app nor monay_platform can execute billing_margin_violation');
SELECT is(monay_private.billing_margin_violation(), NULL, 'the seed''s prices break no floor');

-- MT414: versions in force or past are fixed, whoever asks (here the platform).
SELECT tests.act_as_platform();
SELECT throws_ok($$ UPDATE monay.billing_tier_config SET base_fee_cents = 5000
                    WHERE tier = 'small_business' AND effective_from = '2000-01-01' $$,
                 'MT414', NULL, 'the version in force cannot be updated (MT414)');
SELECT throws_ok($$ DELETE FROM monay.billing_tier_config WHERE tier = 'small_business' AND effective_from = '2000-01-01' $$,
                 'MT414', NULL, 'nor deleted (MT414)');
SELECT throws_ok(replace(tests.billing_price_sql('small_business', 5900),
                         quote_literal((tests.this_month() + interval '1 month')::date), quote_literal(tests.this_month())),
                 'MT414', NULL, 'a version effective this month cannot be added (MT414)');
SELECT lives_ok(tests.billing_price_sql('small_business', 5900), 'a version effective next month can be added by the platform');
SELECT lives_ok($$ UPDATE monay.billing_tier_config SET base_fee_cents = 6900
                   WHERE tier = 'small_business' AND effective_from > now() $$, 'and changed while it is in the future');

-- MT411: the floor (small_business 60 %) on the allowance, on overage, and through the discount.
SELECT throws_like(tests.billing_price_sql('enterprise', 1),
                   'tier enterprise (prices from %): using the whole included allowance%',
                   'an enterprise base fee of 1 cent for its allowance breaks the floor (MT411, message names tier and rule)');
SELECT throws_ok($$ UPDATE monay.operation_costs SET cost_millicents = 100000 WHERE operation_type = 'transfer' $$,
                 'MT411', NULL, 'a transfer costing 1 dollar breaks the overage floor (MT411)');
SELECT throws_ok($$ UPDATE monay.stablecoin_payment_config SET discount_percent = 100 WHERE symbol = 'USDXM' $$,
                 'MT411', NULL, 'a 100 % payment discount breaks every floor (MT411)');

SELECT * FROM finish();
ROLLBACK;
