-- The billing tables: RLS everywhere, the raw insert path, configuration guards, partitions.
BEGIN;
SELECT plan(26);

SELECT tests.billing_tenant('a', 'enterprise');
SELECT tests.billing_tenant('b', 'small_business');

SELECT tables_are('monay', ARRAY['audit_log', 'cards', 'invoices', 'settings', 'tenant_tier_history', 'tenant_users',
                                 'tenants', 'transactions', 'users', 'wallets', 'billing_tier_config', 'operation_costs',
                                 'stablecoin_payment_config', 'billing_tiers', 'billing_operations', 'billing_runs', 'billing_metrics',
                                 'billing_adjustments', 'payments', 'payment_allocations']
                             || ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                      WHERE n.nspname = 'monay' AND c.relkind = 'r'
                                        AND (c.relispartition OR c.relname NOT LIKE 'billing%')
                                        AND c.relname NOT IN ('audit_log', 'cards', 'invoices', 'settings',
                                            'tenant_tier_history', 'tenant_users', 'tenants', 'transactions',
                                            'users', 'wallets', 'operation_costs', 'payments', 'payment_allocations',
                                            'stablecoin_payment_config')),
                  'schema monay holds the billing tables (and the other domains'' and partitions)');
SELECT ok((SELECT bool_and(c.relrowsecurity AND c.relforcerowsecurity) FROM pg_class c
           WHERE c.oid IN ('monay.billing_tier_config'::regclass, 'monay.operation_costs'::regclass,
                           'monay.stablecoin_payment_config'::regclass, 'monay.billing_operations'::regclass,
                           'monay.billing_runs'::regclass, 'monay.billing_metrics'::regclass,
                           'monay.billing_adjustments'::regclass, 'monay.payments'::regclass,
                           'monay.payment_allocations'::regclass)),
          'every billing table has RLS enabled and forced');
SELECT policies_are('monay', 'billing_operations', ARRAY['billing_operations_select', 'billing_operations_insert',
                    'billing_operations_update', 'billing_operations_delete'], 'billing_operations: one policy per command');
SELECT is((SELECT partstrat FROM pg_partitioned_table WHERE partrelid = 'monay.billing_operations'::regclass), 'r',
          'billing_operations is range-partitioned');
SELECT is((SELECT partition_interval FROM partman.part_config WHERE parent_table = 'monay.billing_operations'), '1 mon',
          'by month, kept by pg_partman');
SELECT ok((SELECT count(*) FROM pg_inherits WHERE inhparent = 'monay.billing_operations'::regclass) >= 6,
          'with premade monthly partitions and a default one');
SELECT is((SELECT computation_units FROM monay.operation_costs WHERE operation_type = 'smart_contract_deploy'), 5000::bigint,
          'smart_contract_deploy = 5000 computation units');
SELECT is((SELECT discount_percent FROM monay.stablecoin_payment_config WHERE symbol = 'USDXM'), 10::bigint,
          'USDXM has the 10% discount');

-- The raw insert path (the seed's INSERT INTO billing_operations)
SELECT tests.act_as('a');
SET LOCAL search_path = monay, public;
SELECT lives_ok($$ INSERT INTO billing_operations (operation_type, quantity) VALUES ('transfer', 2) $$,
                'a raw insert under a tenant context records (tenant from the context, units from operation_costs)');
SELECT is(tests.billing_counted('a', tests.this_month(), 'transactions'), 2::bigint, 'and is counted');
SELECT throws_ok($$ INSERT INTO billing_operations (operation_type, computation_units) VALUES ('smart_contract_deploy', 4999) $$,
                 'MT410', NULL, 'units that do not match the operation type are refused');
SELECT throws_ok($$ INSERT INTO billing_operations (operation_type) VALUES ('warp') $$, 'MT401', NULL,
                 'an unknown operation type is refused');
SELECT throws_ok(format($$ INSERT INTO billing_operations (tenant_id, operation_type) VALUES (%L, 'transfer') $$, tests.id('b')),
                 '42501', NULL, 'a raw insert for another tenant is refused');
SELECT throws_ok($$ INSERT INTO billing_operations (operation_type, billing_period) VALUES ('transfer', '2020-01-01') $$,
                 '42501', NULL, 'the application cannot choose the billing period');
SELECT throws_ok($$ UPDATE billing_operations SET quantity = 100 $$, '42501', NULL, 'events cannot be updated');
SELECT throws_ok($$ DELETE FROM billing_operations $$, '42501', NULL, 'nor deleted');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ INSERT INTO billing_operations (operation_type) VALUES ('transfer') $$, '42501', NULL,
                 'no context: the raw insert is refused');

-- Isolation over the tables
SELECT tests.billing_finalize('a', '2025-01-01');
SELECT tests.billing_finalize('b', '2025-01-01');
SELECT tests.act_as('a');
SELECT monay.process_payment(tests.id('a'), 100000, 'USDC');
SELECT tests.act_as('b');
SELECT monay.process_payment(tests.id('b'), 100, 'USDC');
SELECT results_eq($$ SELECT DISTINCT tenant_id FROM monay.billing_metrics
                     UNION SELECT DISTINCT tenant_id FROM monay.payments
                     UNION SELECT DISTINCT tenant_id FROM monay.payment_allocations
                     UNION SELECT tenant_id FROM monay.tenant_credit_balances $$,
                  ARRAY[tests.id('b')], 'tenant b sees only its bills, payments, allocations and credit');
SELECT throws_ok($$ SELECT 1 FROM monay.billing_runs $$, '42501', NULL, 'the application cannot read billing runs');
SELECT tests.act_as_tenant_job('b');
SELECT is_empty($$ SELECT 1 FROM monay.billing_runs $$, 'a platform job inside one tenant sees no billing run');

-- Configuration guards
SELECT tests.act_as_platform();
SELECT throws_ok($$ UPDATE monay.billing_tier_config SET base_fee_cents = 1 WHERE tier = 'enterprise' $$, 'MT414', NULL,
                 'the price version in force cannot change');
SELECT throws_ok($$ UPDATE monay.operation_costs SET cost_millicents = 1000000 WHERE operation_type = 'smart_contract_deploy' $$,
                 'MT411', NULL, 'a cost that puts a tier''s overage below its margin floor is refused');
SELECT throws_ok($$ INSERT INTO monay.billing_tier_config (tier, effective_from, base_fee_cents, included_transactions,
                      included_computation_units, overage_transaction_cents, overage_per_1000_units_cents, overage_policy,
                      gross_margin_min_percent, gross_margin_max_percent, rate_limit_per_second, rate_limit_burst,
                      counter_slots)
                    VALUES ('enterprise', (date_trunc('month', now()) + interval '1 month')::date, 49900, 100000, 1000000,
                            1, 10, 'bill', 70, 90, 20000, 40000, 16) $$,
                 'MT411', NULL, 'a future price below the margin floor is refused');
SELECT lives_ok($$ UPDATE monay.operation_costs SET cost_millicents = 11 WHERE operation_type = 'transfer' $$,
                'a cost that keeps the margins is accepted');
SELECT throws_ok($$ INSERT INTO monay.stablecoin_payment_config (symbol, name, decimals, network) VALUES ('USD', 'dollar', 2, 'fiat') $$,
                 '23514', NULL, 'fiat cannot become a payment method');
SELECT tests.act_as('a');
SELECT throws_ok($$ UPDATE monay.operation_costs SET computation_units = 1 $$, '42501', NULL,
                 'the application cannot change costs');

SELECT * FROM finish();
ROLLBACK;
