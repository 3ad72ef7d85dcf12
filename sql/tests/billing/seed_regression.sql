-- The seed's regression tests 10.1 to 10.4 (seed/implementation-plan.md, Phase 10), as written there;
-- 10.2 and 10.3 (JavaScript in the seed) expressed in SQL.
BEGIN;
SELECT plan(26);

SELECT tests.billing_tenant('t', 'small_business');
SELECT tests.make_user('ent_owner');
SET LOCAL search_path = monay, public;

-- 10.1 Test 1: USDXM discount calculation
-- SELECT calculate_tenant_billing('tenant-uuid', '2025-01-01'::date);
-- Expected: discount_cents = floor(subtotal * 0.1)
SELECT tests.act_as('t');
-- (usage counted while January 2025 ran: today it would count in the running month, late)
SELECT tests.billing_usage('t', '2025-01-01', '[{"operation_type": "transfer", "quantity": 12345},
                                               {"operation_type": "kyc_check", "quantity": 2003}]');
CREATE TEMP TABLE s101 ON COMMIT DROP AS SELECT calculate_tenant_billing(tests.id('t'), '2025-01-01'::date) AS bill;
SELECT is((SELECT (bill #>> '{costs,usdxm_discount_cents}')::numeric FROM s101),
          (SELECT floor((bill #>> '{costs,total_before_discount_cents}')::numeric * 0.1) FROM s101),
          '10.1.1 calculate_tenant_billing: discount = floor(subtotal * 0.1)');
SELECT isnt((SELECT bill #>> '{costs,total_before_discount_cents}' FROM s101), '0', '10.1.1 (on a bill that is not 0)');

-- 10.1 Test 2: Gross margin enforcement
-- INSERT INTO tenants (billing_tier, gross_margin_percent) VALUES ('small_business', 45); -- Should fail (min 60%)
SELECT tests.as_superuser();
SELECT throws_ok($$ INSERT INTO tenants (billing_tier, gross_margin_percent) VALUES ('small_business', 45) $$,
                 '23514', NULL, '10.1.2 a small_business tenant at 45% margin fails the CHECK (even as superuser)');
SELECT lives_ok($$ INSERT INTO tenants (billing_tier, gross_margin_percent) VALUES ('small_business', 60) $$,
                '10.1.2 (60% passes)');

-- 10.1 Test 3: Stablecoin-only payments
-- UPDATE billing_metrics SET payment_method = 'USD'; -- Should fail
SELECT tests.billing_finalize('t', '2025-01-01');
SELECT throws_ok($$ UPDATE billing_metrics SET payment_method = 'USD' $$, '23514', NULL,
                 '10.1.3 UPDATE billing_metrics SET payment_method = ''USD'' fails the CHECK (even as superuser)');
SELECT lives_ok($$ UPDATE billing_metrics SET payment_method = 'USDC' $$, '10.1.3 (a stablecoin passes)');
SELECT tests.act_as('t');
SELECT throws_ok($$ UPDATE billing_metrics SET payment_method = 'USD' $$, '42501', NULL,
                 '10.1.3 (and the application may not write bills at all)');

-- 10.1 Test 4: Computation units tracking
-- INSERT INTO billing_operations (operation_type, computation_units) VALUES ('smart_contract_deploy', 5000);
-- Verify units are accumulated correctly
SELECT lives_ok($$ INSERT INTO billing_operations (operation_type, computation_units) VALUES ('smart_contract_deploy', 5000) $$,
                '10.1.4 the raw insert records under a tenant context');
SELECT lives_ok($$ INSERT INTO billing_operations (operation_type, computation_units) VALUES ('smart_contract_deploy', 5000) $$,
                '10.1.4 and again');
SELECT is((calculate_tenant_usage(tests.id('t')) #>> '{computation_units,used}')::bigint, 10000::bigint,
          '10.1.4 units accumulate: 2 x 5000');
SELECT is((SELECT sum(computation_units)::bigint FROM billing_operations
           WHERE operation_type = 'smart_contract_deploy' AND billing_period = tests.this_month()), 10000::bigint,
          '10.1.4 both events are recorded for the tenant');

-- 10.2 Service layer
-- bill.costs.usdxm_discount_cents == Math.floor(bill.costs.total_before_discount_cents * 0.1)
SELECT track_operation(tests.id('t'), 'transfer', 10333);
SELECT is((calculate_tenant_billing(tests.id('t'), now()::date) #>> '{costs,usdxm_discount_cents}')::numeric,
          floor((calculate_tenant_billing(tests.id('t'), now()::date) #>> '{costs,total_before_discount_cents}')::numeric * 0.1),
          '10.2 USDXM discount applies correctly (current bill)');
-- createTenant({type: 'enterprise', billing_tier: 'enterprise'}): margin between 70 and 90
SELECT tests.act_as_platform();
CREATE TEMP TABLE ent ON COMMIT DROP AS
SELECT * FROM create_tenant('Enterprise Co', 'enterprise', 'enterprise', tests.user_id('ent_owner'));
SELECT ok((SELECT gross_margin_percent BETWEEN 70 AND 90 FROM ent), '10.2 gross margins enforced by tier (enterprise 70-90)');
SELECT throws_ok($$ SELECT create_tenant('Cheap Co', 'enterprise', 'enterprise', tests.user_id('ent_owner'), 65) $$,
                 '22023', NULL, '10.2 (an enterprise tenant at 65% is refused)');
-- trackOperation(tenantId, 'smart_contract_deploy'); metrics.computation_units_used >= 5000
SELECT track_operation((SELECT id FROM ent), 'smart_contract_deploy');
SELECT ok((calculate_tenant_usage((SELECT id FROM ent)) #>> '{computation_units,used}')::bigint >= 5000,
          '10.2 computation units accumulate: used >= 5000 after one smart_contract_deploy');
SELECT tests.billing_usage('t', '2025-02-01', '[{"operation_type": "smart_contract_deploy"}]');
SELECT monay.finalize_tenant_billing(tests.id('t'), '2025-02-01');
SELECT ok((SELECT computation_units_used >= 5000 FROM billing_metrics WHERE tenant_id = tests.id('t') AND period = '2025-02-01'),
          '10.2 billing_metrics.computation_units_used >= 5000 in the finalized month');

-- 10.3 API
-- POST /api/billing/payment {amount_cents: 10000, payment_method: 'USDXM'}: discount_applied 1000, final_amount 9000
SELECT tests.act_as('t');
CREATE TEMP TABLE pay ON COMMIT DROP AS SELECT process_payment(tests.id('t'), 10000, 'USDXM') AS r;
SELECT is((SELECT r -> 'discount_applied' FROM pay), '1000'::jsonb, '10.3 payment with USDXM: discount_applied = 1000');
SELECT is((SELECT r -> 'final_amount' FROM pay), '9000'::jsonb, '10.3 payment with USDXM: final_amount = 9000');
-- GET /api/billing/usage/:tenantId matches {transactions: {limit, used, remaining}, computation_units: {...}}
SELECT is((SELECT jsonb_object_agg(k, (SELECT jsonb_agg(jsonb_typeof(u -> k -> f) ORDER BY f)
                                      FROM unnest(ARRAY['limit', 'remaining', 'used']) f))
           FROM (SELECT calculate_tenant_usage(tests.id('t')) AS u) x, unnest(ARRAY['transactions', 'computation_units']) k),
          '{"transactions": ["number", "number", "number"], "computation_units": ["number", "number", "number"]}'::jsonb,
          '10.3 usage tracking with limits: every limit, used and remaining is a number');

-- 10.4 Breaking changes
-- Payment processing: fiat rejected, only USDXM, USDC, USDT accepted, USDXM discount automatic
SELECT throws_ok($$ SELECT process_payment(tests.id('t'), 10000, 'USD') $$, 'MT405', NULL, '10.4 fiat (USD) is rejected');
SELECT is((SELECT array_agg(symbol ORDER BY symbol) FROM stablecoin_payment_config), ARRAY['USDC', 'USDT', 'USDXM'],
          '10.4 only stablecoins are configured');
SELECT is((SELECT array_agg((process_payment(tests.id('t'), 1000, m) ->> 'discount_applied')::int ORDER BY m)
           FROM unnest(ARRAY['USDC', 'USDT', 'USDXM']) m), ARRAY[0, 0, 100],
          '10.4 USDC, USDT and USDXM are accepted; the discount applies to USDXM only, automatically');
-- Billing calculations: base fee + overages, computation units, monthly aggregation
SELECT ok((SELECT (bill #>> '{costs,total_before_discount_cents}')::bigint
                  = (bill #>> '{costs,base_fee_cents}')::bigint + (bill #>> '{costs,overage_transactions_cents}')::bigint
                    + (bill #>> '{costs,overage_computation_units_cents}')::bigint
                  AND (bill #>> '{costs,overage_transactions_cents}')::bigint > 0
                  AND (bill #>> '{costs,overage_computation_units_cents}')::bigint > 0 FROM s101),
          '10.4 a bill is base fee + overages (transactions and computation units)');
SELECT is((SELECT count(*) FROM billing_metrics WHERE tenant_id = tests.id('t') AND period = '2025-01-01'), 1::bigint,
          '10.4 monthly aggregation: one bill for the month''s events');
-- Margin enforcement: free 0%, small business 60-70%, enterprise 70-90%
SELECT is((SELECT array_agg(tier || ' ' || gross_margin_min_percent::int || '-' || gross_margin_max_percent::int ORDER BY tier)
           FROM billing_tier_config WHERE effective_from = '2000-01-01'),
          ARRAY['enterprise 70-90', 'free 0-0', 'small_business 60-70'], '10.4 the tier margins');
SELECT tests.as_superuser();
SELECT throws_ok($$ INSERT INTO tenants (billing_tier, gross_margin_percent) VALUES ('free', 10) $$, '23514', NULL,
                 '10.4 a free tenant has 0% margin');

SELECT * FROM finish();
ROLLBACK;
