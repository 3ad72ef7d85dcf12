-- monay.calculate_tenant_billing: base fee, overages, rounding, proration, price versions, stored bills, isolation.
BEGIN;
SELECT plan(25);

SELECT tests.billing_tenant('a', 'enterprise');
SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('p', 'small_business');
SELECT tests.billing_tenant('l', 'enterprise', '2024-02-15 00:00+00');
SELECT tests.billing_tier_change('p', 'enterprise', '2025-02-10 15:00+00');

SELECT has_function('monay', 'calculate_tenant_billing', ARRAY['uuid', 'date'],
                    'calculate_tenant_billing(uuid, date) exists');
SELECT volatility_is('monay', 'calculate_tenant_billing', ARRAY['uuid', 'date'], 'stable',
                     'calculate_tenant_billing is STABLE (reads only)');

-- January 2025 of a small_business tenant: 12,345 transactions, 117,345 units.
SELECT tests.act_as('b');
SELECT tests.billing_usage('b', '2025-01-01', '[
    {"operation_type": "transfer", "quantity": 12345},
    {"operation_type": "smart_contract_deploy"},
    {"operation_type": "kyc_check", "quantity": 200}
]');
CREATE TEMP TABLE jan ON COMMIT DROP AS SELECT monay.calculate_tenant_billing(tests.id('b'), '2025-01-17') AS v;
SELECT is((SELECT v -> 'costs' FROM jan),
          '{"base_fee_cents": 4900, "overage_transactions_cents": 4690, "overage_computation_units_cents": 1734,
            "total_before_discount_cents": 11324, "usdxm_discount_cents": 1132, "total_cents": 10192,
            "payment_method": "USDXM"}'::jsonb,
          'base 4900 + 2345 tx x 2 + floor(17345 units x 100 / 1000) = 11324; USDXM discount floor(1132.4)');
SELECT is((SELECT v -> 'usage' -> 'transactions' FROM jan), '{"limit": 10000, "used": 12345, "remaining": 0}'::jsonb,
          'transactions: limit, used, remaining');
SELECT is((SELECT v -> 'usage' -> 'computation_units' FROM jan),
          '{"limit": 100000, "used": 117345, "remaining": 0}'::jsonb, 'computation units: limit, used, remaining');
SELECT is((SELECT v ->> 'period' FROM jan), '2025-01-01', 'any day of the month names the month');
SELECT is((SELECT v ->> 'status' FROM jan), 'draft', 'a month not billed yet is a draft');
SELECT is((SELECT (v #>> '{margin,cost_cents}')::bigint FROM jan), (12345 * 10 + 50000 + 200 * 5000 + 999) / 1000::bigint,
          'cost to Monay: ceil(sum of cost millicents / 1000)');
SELECT is((SELECT (v #>> '{margin,gross_margin_percent}')::numeric FROM jan),
          round((10192 - 1174) * 100.0 / 10192, 2), 'gross margin = (total - cost) / total, 2 decimals');
SELECT is(monay.calculate_tenant_billing(tests.id('b'), '2025-02-01') -> 'costs' ->> 'total_before_discount_cents', '4900',
          'a month without usage bills the base fee');
SELECT is(monay.calculate_tenant_billing(tests.id('b'), '2023-12-01') -> 'costs' ->> 'total_before_discount_cents', '0',
          'a month before the tenant existed bills nothing');

-- Proration: small_business until 2025-02-10 15:00 UTC, then enterprise (February 2025: 28 days).
SELECT tests.act_as('p');
CREATE TEMP TABLE feb ON COMMIT DROP AS SELECT monay.calculate_tenant_billing(tests.id('p'), '2025-02-01') AS v;
SELECT is((SELECT jsonb_agg(jsonb_build_object('tier', l ->> 'tier', 'days', l -> 'days', 'base', l -> 'base_fee_cents'))
           FROM feb, jsonb_array_elements(v -> 'lines') l),
          '[{"tier": "small_business", "days": 9, "base": 1575}, {"tier": "enterprise", "days": 19, "base": 33860}]'::jsonb,
          'the change day bills at the new tier: 9 + 19 days, floor(4900 x 9 / 28) and floor(49900 x 19 / 28)');
SELECT is((SELECT (v #>> '{costs,base_fee_cents}')::bigint FROM feb), 35435::bigint, 'prorated base fee 1575 + 33860');
SELECT is((SELECT v ->> 'tier' FROM feb), 'enterprise', 'the bill names the tier at the end of the month');
SELECT is((SELECT (v #>> '{usage,transactions,limit}')::bigint FROM feb), 10000 * 9 / 28 + 100000 * 19 / 28::bigint,
          'allowances of paid tiers are prorated the same way');

-- Leap February: created 2024-02-15 00:00 UTC, 15 of 29 days.
SELECT tests.act_as('l');
SELECT is(monay.calculate_tenant_billing(tests.id('l'), '2024-02-01') #>> '{costs,base_fee_cents}',
          (49900 * 15 / 29)::text, 'leap February: floor(49900 x 15 / 29)');

-- Price versions: a new price from a future month bills that month only.
SELECT tests.act_as_platform();
SELECT throws_ok($$ INSERT INTO monay.billing_tier_config (tier, effective_from, base_fee_cents, included_transactions,
                      included_computation_units, overage_transaction_cents, overage_per_1000_units_cents, overage_policy,
                      gross_margin_min_percent, gross_margin_max_percent, rate_limit_per_second, rate_limit_burst,
                      counter_slots)
                      VALUES ('small_business', tests.this_month(), 4900, 10000, 100000, 2, 100, 'bill', 60, 70, 200, 400, 1) $$,
                 'MT414', NULL, 'a price version for the current month is refused');
SELECT tests.as_superuser();
INSERT INTO monay.billing_tier_config (tier, effective_from, base_fee_cents, included_transactions,
    included_computation_units, overage_transaction_cents, overage_per_1000_units_cents, overage_policy,
    gross_margin_min_percent, gross_margin_max_percent, rate_limit_per_second, rate_limit_burst, counter_slots)
SELECT tier, (tests.this_month() + interval '2 months')::date, 5900, included_transactions, included_computation_units,
       overage_transaction_cents, overage_per_1000_units_cents, overage_policy, gross_margin_min_percent,
       gross_margin_max_percent, rate_limit_per_second, rate_limit_burst, counter_slots
FROM monay.billing_tier_config WHERE tier = 'small_business' AND effective_from = '2000-01-01';
SELECT tests.act_as('b');
SELECT is(monay.calculate_tenant_billing(tests.id('b'), (tests.this_month() + interval '2 months')::date) #>> '{costs,base_fee_cents}',
          '5900', 'the new price bills the month it takes effect');
SELECT is(monay.calculate_tenant_billing(tests.id('b'), tests.last_month()) #>> '{costs,base_fee_cents}',
          '4900', 'and not the months before');

-- A billed month returns its stored bill; later usage does not change it.
SELECT tests.billing_finalize('b', '2025-01-01');
SELECT tests.act_as('b');
SELECT tests.billing_usage('b', '2025-01-01', '[{"operation_type": "transfer", "quantity": 1000}]');
SELECT is(monay.calculate_tenant_billing(tests.id('b'), '2025-01-01') -> 'costs',
          (SELECT v -> 'costs' FROM jan), 'a finalized month returns the stored bill, unchanged by late usage');
SELECT is(monay.calculate_tenant_billing(tests.id('b'), '2025-01-01') ->> 'status', 'finalized',
          'with its status');

-- Errors and isolation
SELECT throws_ok($$ SELECT monay.calculate_tenant_billing(tests.id('b'), NULL) $$, '22023', NULL,
                 'a NULL period is refused');
SELECT throws_ok($$ SELECT monay.calculate_tenant_billing(tests.id('a'), '2025-01-01') $$, '42501', NULL,
                 'tenant b cannot read tenant a''s bill');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.calculate_tenant_billing(tests.id('ghost'), '2025-01-01') $$, 'MT301', NULL,
                 'an unknown tenant is reported');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.calculate_tenant_billing(tests.id('b'), '2025-01-01') $$, '42501', NULL,
                 'no context: refused');

SELECT * FROM finish();
ROLLBACK;
