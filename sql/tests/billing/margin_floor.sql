-- The gross-margin floor of the configuration (MT411): rule 1 (one unit of overage) and rule 2 (the
-- allowance included in the base fee), both after the largest payment discount; the defaults keep
-- both, and bills of the defaults realize the floor.
BEGIN;
SELECT plan(33);

SELECT tests.billing_tenant('e', 'enterprise');
SELECT tests.billing_tenant('s', 'small_business');
SELECT tests.billing_tenant('x', 'enterprise');
SELECT tests.billing_tenant('u', 'free');

-- The defaults
SELECT is(monay_private.billing_margin_violation(), NULL, 'the default prices, costs and discounts keep both rules');
SELECT is((SELECT max(cost_millicents) FROM monay.operation_costs WHERE counts_as_transaction), 20::bigint,
          'the dearest transaction costs 20 millicents (card_authorization)');
SELECT is((SELECT max(cost_millicents::numeric / computation_units) FROM monay.operation_costs WHERE computation_units > 0),
          10::numeric, 'the dearest computation unit costs 10 millicents');
SELECT results_eq(
    $$ SELECT tier, included_transactions * 20 + included_computation_units * 10 AS bound,
              base_fee_cents * 1000 * 90 * (100 - gross_margin_min_percent) / 10000 AS allowed
       FROM monay.billing_tier_config WHERE effective_from = '2000-01-01' AND gross_margin_min_percent > 0 ORDER BY tier $$,
    $$ VALUES ('enterprise', 12000000::bigint, 13473000::numeric), ('small_business', 1200000, 1764000) $$,
    'worst case of the whole allowance vs what the base fee allows (millicents, after the USDXM discount)');

-- Rule 2 on price versions: exact at the boundary (no rounding), both tiers, any floor.
SELECT tests.act_as_platform();
SELECT lives_ok(tests.billing_price_sql('enterprise', 49900, 100000, 1147300),
                'enterprise: a bound of exactly 13,473,000 millicents (100,000 x 20 + 1,147,300 x 10) is accepted');
DELETE FROM monay.billing_tier_config WHERE effective_from > tests.this_month();
SELECT throws_ok(tests.billing_price_sql('enterprise', 49900, 100000, 1147301), 'MT411', NULL,
                 'one more included unit (10 millicents over the bound) is refused');
SELECT throws_ok(tests.billing_price_sql('enterprise', 49900, 100000, 1147300, 70.01), 'MT411', NULL,
                 'and so is a floor of 70.01% with the bound that fits 70%');
SELECT lives_ok(tests.billing_price_sql('small_business', 4900, 10000, 156400),
                'small_business: a bound of exactly 1,764,000 millicents is accepted');
DELETE FROM monay.billing_tier_config WHERE effective_from > tests.this_month();
SELECT throws_ok(tests.billing_price_sql('small_business', 4900, 10000, 156401), 'MT411', NULL,
                 'small_business: one more included unit is refused');
SELECT throws_ok(tests.billing_price_sql('small_business', 3000), 'MT411', NULL,
                 'a lower base fee for the same allowance is refused (1,200,000 > 1,080,000 millicents)');
SELECT throws_ok(tests.billing_price_sql('enterprise', 49900, 250000, 25000000), 'MT411',
                 'tier enterprise (prices from ' || (tests.this_month() + interval '1 month')::date
                 || '): using the whole included allowance (250000 transactions, 25000000 computation units) may cost '
                 'Monay up to 255000000 millicents (250000 transactions x 20, the dearest transaction (card_authorization), '
                 '+ 25000000 units x 10, the dearest unit (card_authorization: 20 millicents per 2 units)), and the base '
                 'fee of 49900 cents is 44910000 '
                 'millicents after the largest payment discount of 10%: a gross margin below the floor of 70.00% (rule: '
                 'bound x 100 x 100 <= base fee x 1000 x (100 - discount) x (100 - floor); the bound is conservative, '
                 'an operation''s cost counts against both allowances)',
                 'the old enterprise allowance is refused, naming tier, version, the bound and the base fee');
SELECT throws_ok(tests.billing_price_sql('enterprise', 49900, 100000, 1000000, 80), 'MT411', NULL,
                 'raising the floor to 80% with the default allowance is refused');
SELECT lives_ok(tests.billing_price_sql('enterprise', 59900, 120000, 1200000),
                'a future version that keeps the floor is accepted ($599, 120,000 transactions, 1,200,000 units)');
SELECT tests.as_superuser();
SELECT is(monay_private.billing_margin_violation('enterprise', (tests.this_month() + interval '1 month')::date), NULL,
          'and checks clean');
SELECT tests.act_as_platform();
DELETE FROM monay.billing_tier_config WHERE effective_from > tests.this_month();

-- Rule 2 on operation costs (INSERT and UPDATE)
SELECT throws_like($$ UPDATE monay.operation_costs SET cost_millicents = 12 WHERE operation_type = 'api_call' $$,
                   '%tier enterprise (prices from 2000-01-01): using the whole included allowance%x 12, the dearest unit (api_call:%',
                   'an api_call at 12 millicents per unit breaks the enterprise allowance (14,000,000 > 13,473,000)');
SELECT throws_ok($$ UPDATE monay.operation_costs SET cost_millicents = 12 WHERE operation_type = 'api_call' $$,
                 'MT411', NULL, 'with MT411 (its overage alone would keep the floor)');
SELECT lives_ok($$ UPDATE monay.operation_costs SET cost_millicents = 11 WHERE operation_type = 'api_call' $$,
                'at 11 millicents it fits (13,000,000)');
UPDATE monay.operation_costs SET cost_millicents = 1 WHERE operation_type = 'api_call';
SELECT throws_like($$ INSERT INTO monay.operation_costs (operation_type, computation_units, counts_as_transaction,
                          cost_millicents, description) VALUES ('settlement', 0, true, 50, 'test') $$,
                   '%using the whole included allowance (100000 transactions%x 50, the dearest transaction (settlement)%',
                   'a new transaction type at 50 millicents breaks the enterprise allowance (5,000,000 + 10,000,000)');
SELECT throws_ok($$ INSERT INTO monay.operation_costs (operation_type, computation_units, counts_as_transaction,
                          cost_millicents, description) VALUES ('settlement', 0, true, 50, 'test') $$,
                 'MT411', NULL, 'with MT411');
SELECT throws_like($$ INSERT INTO monay.operation_costs (operation_type, computation_units, counts_as_transaction,
                          cost_millicents, description) VALUES ('free_lunch', 0, false, 1, 'test') $$,
                   '%operation free_lunch costs 1 millicents and is billed 0 millicents per unit on overage%',
                   'an operation that uses neither allowance but costs something is refused (rule 1)');
SELECT throws_ok($$ UPDATE monay.operation_costs SET cost_millicents = 1000000 WHERE operation_type = 'kyc_check' $$,
                 'MT411', NULL, 'a KYC check at $10 is refused');

-- The payment discount counts: the bill's margin is taken on what the tenant pays.
SELECT throws_ok($$ UPDATE monay.stablecoin_payment_config SET discount_percent = 20 WHERE symbol = 'USDXM' $$,
                 'MT411', NULL, 'a 20% USDXM discount would put enterprise below its floor (11,976,000 < 12,000,000)');
SELECT throws_ok($$ UPDATE monay.stablecoin_payment_config SET discount_percent = 30, enabled = false WHERE symbol = 'USDT' $$,
                 'MT411', NULL, 'any coin''s discount counts, enabled or not');
SELECT lives_ok($$ UPDATE monay.stablecoin_payment_config SET discount_percent = 19 WHERE symbol = 'USDXM' $$,
                'a 19% discount still fits (12,125,700)');
UPDATE monay.stablecoin_payment_config SET discount_percent = 10 WHERE symbol = 'USDXM';

-- Rule 1 still holds on its own
SELECT throws_like(format($$ INSERT INTO monay.billing_tier_config (tier, effective_from, base_fee_cents, included_transactions,
                      included_computation_units, overage_transaction_cents, overage_per_1000_units_cents, overage_policy,
                      gross_margin_min_percent, gross_margin_max_percent, rate_limit_per_second, rate_limit_burst,
                      counter_slots)
                    VALUES ('enterprise', %L, 49900, 100000, 1000000, 1, 30, 'bill', 70, 90, 20000, 40000, 16) $$,
                          (tests.this_month() + interval '1 month')::date),
                   '%operation invoice_create costs 20 millicents and is billed 60 millicents per unit on overage, 54 after%',
                   'an overage price of 30 cents per 1,000 units is refused (an invoice costs 20 of 54 millicents, a third)');

-- What the defaults bill: the whole allowance of the dearest operations keeps the floor.
SELECT tests.act_as('e');
SELECT tests.billing_usage('e', '2025-03-01', '[
    {"operation_type": "card_authorization", "quantity": 100000},
    {"operation_type": "kyc_check", "quantity": 1600}]');
SELECT is(monay.calculate_tenant_billing(tests.id('e'), '2025-03-01') -> 'margin',
          '{"cost_cents": 10000, "gross_margin_percent": 77.73, "target_gross_margin_percent": 70}'::jsonb,
          'enterprise, whole allowance (100,000 card authorizations, 1,600 KYC): $100 cost on $449.10, 77.73%');
SELECT tests.billing_usage('e', '2025-04-01', '[{"operation_type": "kyc_check", "quantity": 20000}]');
SELECT is(monay.calculate_tenant_billing(tests.id('e'), '2025-04-01') #> '{margin,gross_margin_percent}', '77.77'::jsonb,
          'enterprise, ten times its units in KYC checks (overage): 77.77%');
SELECT tests.act_as('s');
SELECT tests.billing_usage('s', '2025-03-01', '[
    {"operation_type": "card_authorization", "quantity": 10000},
    {"operation_type": "kyc_check", "quantity": 160}]');
SELECT is(monay.calculate_tenant_billing(tests.id('s'), '2025-03-01') #> '{margin,gross_margin_percent}', '77.32'::jsonb,
          'small_business, whole allowance: $10 cost on $44.10, 77.32%');

-- The documented exception: a month that starts on free. Its usage (the whole free allowance, $1.00
-- of cost) is billed nothing, and one day of small_business (158 - 15 = 143 cents) does not cover it.
SELECT tests.act_as('u');
SELECT tests.billing_usage('u', '2025-03-01', '[
    {"operation_type": "card_authorization", "quantity": 1000},
    {"operation_type": "kyc_check", "quantity": 16}]');
SELECT tests.billing_tier_change('u', 'small_business', '2025-03-31 10:00+00');
SELECT tests.act_as('u');
SELECT is(monay.calculate_tenant_billing(tests.id('u'), '2025-03-01') -> 'margin',
          '{"cost_cents": 100, "gross_margin_percent": 30.07, "target_gross_margin_percent": 60}'::jsonb,
          'free for 30 days, then small_business on the last: 30.07%, below the 60% floor (docs/billing.md)');
SELECT is((SELECT jsonb_agg(l -> 'days') FROM jsonb_array_elements(
              monay.calculate_tenant_billing(tests.id('u'), '2025-03-01') -> 'lines') l), '[30, 1]'::jsonb,
          'the free line has the usage, the small_business line one day');

-- Who may do what
SELECT tests.act_as('x');
SELECT throws_ok(tests.billing_price_sql('enterprise', 1), '42501', NULL, 'the application cannot add a price version');
SELECT throws_ok($$ SELECT monay_private.billing_margin_violation() $$, '42501', NULL,
                 'nor call the guard''s internals');
SELECT tests.act_as_tenant_job('x');
SELECT is_empty($$ UPDATE monay.stablecoin_payment_config SET discount_percent = 50 RETURNING symbol $$,
                'a platform job inside a tenant changes no discount (RLS)');

SELECT * FROM finish();
ROLLBACK;
