-- Allowed values in one place (migrations 018/018a, docs/development.md "Allowed values"):
-- the lookup tables, the foreign keys to them, no CHECK list left, who may write them, the
-- seed's 23514 contracts, and a new coin and a new tier added by one INSERT each (plus the
-- tier's price version) as the platform.
BEGIN;
SELECT plan(44);

SELECT tests.billing_tenant('av_a', 'enterprise');
SELECT tests.billing_tenant('av_b', 'small_business');
SELECT tests.make_user('av_new_owner');

-- Catalog: the tables and their references.
SELECT has_table('monay', t, format('lookup table monay.%s exists', t))
FROM unnest(ARRAY['billing_tiers', 'tenant_types', 'tenant_roles', 'user_types']) t;
SELECT fk_ok('monay', 'tenants', 'billing_tier', 'monay', 'billing_tiers', 'tier');
SELECT fk_ok('monay', 'tenants', 'tenant_type', 'monay', 'tenant_types', 'tenant_type');
SELECT fk_ok('monay', 'tenant_users', 'role', 'monay', 'tenant_roles', 'role');
SELECT fk_ok('monay', 'users', 'user_type', 'monay', 'user_types', 'user_type');
SELECT fk_ok('monay', 'billing_tier_config', 'tier', 'monay', 'billing_tiers', 'tier');
SELECT fk_ok('monay', 'payments', 'payment_method', 'monay', 'stablecoin_payment_config', 'symbol');
SELECT fk_ok('monay', 'group_bills', 'payment_method', 'monay', 'stablecoin_payment_config', 'symbol');
SELECT fk_ok('monay', 'groups', 'kind', 'monay', 'group_kinds', 'kind');
SELECT is_empty($$ SELECT conrelid::regclass::text || '.' || conname FROM pg_constraint
                   WHERE connamespace = 'monay'::regnamespace AND NOT convalidated
                     -- left NOT VALID on purpose by 022: every row before it had its bill (NOT NULL column)
                     AND conname <> 'billing_metrics_bill_or_lines' $$,
                'every constraint of schema monay is validated (018a ran), but the one 022 leaves NOT VALID');
SELECT is_empty($$ SELECT conrelid::regclass::text || '.' || conname FROM pg_constraint
                   WHERE connamespace = 'monay'::regnamespace AND contype = 'c'
                     AND pg_get_constraintdef(oid) ~ '''(free|small_business|enterprise|USDXM|USDC|USDT|individual|household|holding_company|owner|admin|viewer|business)''' $$,
                'no CHECK of schema monay lists tiers, coins, tenant types, roles or user types');

-- The values (the seed's contract) and their order.
SELECT results_eq($$ SELECT tier, gross_margin_min_percent, gross_margin_max_percent FROM monay.billing_tiers ORDER BY sort_order $$,
                  $$ VALUES ('free'::text, 0::numeric(5,2), 0::numeric(5,2)), ('small_business', 60, 70), ('enterprise', 70, 90) $$,
                  'tiers and margins: free 0, small_business 60-70, enterprise 70-90');
SELECT is(monay_private.allowed_values('monay.stablecoin_payment_config', 'symbol', 'sort_order'), 'USDXM, USDC, USDT',
          'coins: USDXM, USDC, USDT, in this order');
SELECT is(monay_private.allowed_values('monay.tenant_types', 'tenant_type'),
          'enterprise, holding_company, household, individual, small_business', 'tenant types');
SELECT is((SELECT array_agg(role ORDER BY role) FROM monay.tenant_roles WHERE manages), ARRAY['admin', 'owner'],
          'owners and admins manage a tenant');
SELECT throws_ok($$ SELECT monay_private.allowed_values(NULL, 'tier') $$, '22023', NULL,
                 'allowed_values: a NULL table is refused');

-- A tier's range cannot shrink past its tenants (the CHECK it replaced could not either).
SELECT tests.act_as_platform();
SELECT throws_ok($$ UPDATE monay.billing_tiers SET gross_margin_min_percent = 65 WHERE tier = 'small_business' $$,
                 '23514', NULL, 'a range that would leave a tenant outside is refused');
SELECT lives_ok($$ UPDATE monay.billing_tiers SET gross_margin_max_percent = 72 WHERE tier = 'small_business' $$,
                'widening a range is fine');

-- Reading is open, writing is the platform's.
SELECT tests.act_as('av_a');
SELECT is((SELECT count(*) FROM monay.billing_tiers), 3::bigint, 'the application reads the tiers');
SELECT throws_ok($$ INSERT INTO monay.billing_tiers VALUES ('gold', 40, 1, 2, 'x') $$, '42501', NULL,
                 'the application cannot add a tier');
SELECT throws_ok($$ UPDATE monay.tenant_roles SET manages = true $$, '42501', NULL,
                 'the application cannot change a role');
SELECT throws_ok($$ DELETE FROM monay.tenant_types $$, '42501', NULL, 'the application cannot delete a tenant type');
SELECT throws_ok($$ INSERT INTO monay.stablecoin_payment_config (symbol, name, decimals, network)
                    VALUES ('EURC', 'Euro Coin', 6, 'solana') $$, '42501', NULL,
                 'the application cannot add a coin');
SELECT tests.act_as_nobody();
SET LOCAL ROLE monay_platform;
SELECT throws_ok($$ INSERT INTO monay.user_types VALUES ('robot', 'x') $$, '42501', NULL,
                 'the platform role without the platform context cannot add a user type (RLS)');

-- The seed's contracts keep their SQLSTATE (raw SQL, even as superuser).
SELECT tests.as_superuser();
SELECT throws_ok($$ INSERT INTO monay.tenants (billing_tier, gross_margin_percent) VALUES ('small_business', 45) $$,
                 '23514', NULL, 'a margin outside its tier: 23514');
SELECT throws_like($$ INSERT INTO monay.tenants (billing_tier, gross_margin_percent) VALUES ('gold', 45) $$,
                   '%unknown billing tier ''gold'', allowed: free, small_business, enterprise%',
                   'an unknown tier: 23514, naming the allowed ones from the table');
SELECT throws_ok($$ INSERT INTO monay.payments (tenant_id, amount_cents, payment_method, discount_cents,
                        final_amount_cents, token_decimals, token_amount)
                    VALUES (tests.id('av_a'), 100, 'card', 0, 100, 6, 0) $$, '23514', NULL,
                 'a fiat method (card) on a payment: 23514');
SELECT throws_ok($$ INSERT INTO monay.payments (tenant_id, amount_cents, payment_method, discount_cents,
                        final_amount_cents, token_decimals, token_amount)
                    VALUES (tests.id('av_a'), 100, 'EURC', 0, 100, 6, 0) $$, '23503', NULL,
                 'a coin the table does not hold, on a payment: 23503 (the foreign key)');
SELECT throws_ok($$ INSERT INTO monay.tenants (name, tenant_type) VALUES ('x', 'castle') $$, '23503', NULL,
                 'an unknown tenant type: 23503 (the foreign key)');
SELECT throws_ok($$ INSERT INTO monay.tenant_users (tenant_id, user_id, role)
                    VALUES (tests.id('av_a'), tests.user_id('av_new_owner'), 'king') $$, '23503', NULL,
                 'an unknown role: 23503 (the foreign key)');
SELECT throws_like($$ SELECT monay.create_user('av@example.com', 'Av', 'robot') $$,
                   '%expected one of business, individual%', 'create_user names the allowed user types');

-- A new coin: one INSERT by the platform; process_payment accepts it, invoices list it.
SELECT tests.act_as_platform();
SELECT lives_ok($$ INSERT INTO monay.stablecoin_payment_config (symbol, name, decimals, network, sort_order)
                   VALUES ('PYUSD', 'PayPal USD', 6, 'solana', 40) $$, 'the platform adds a coin');
SELECT throws_ok($$ INSERT INTO monay.stablecoin_payment_config (symbol, name, decimals, network)
                    VALUES ('GBP', 'pound', 2, 'fiat') $$, '23514', NULL, 'fiat cannot become a coin');
SELECT tests.act_as('av_b');
SELECT is(monay.process_payment(tests.id('av_b'), 2500, 'PYUSD') -> 'final_amount', '2500'::jsonb,
          'process_payment accepts the new coin');
SELECT is((SELECT payment_method FROM monay.payments WHERE tenant_id = tests.id('av_b')), 'PYUSD',
          'and records it');
SELECT throws_like($$ SELECT monay.process_payment(tests.id('av_b'), 2500, 'EURC') $$,
                   '%PYUSD%', 'an unknown coin is refused naming the accepted ones, the new one included');

-- A new tier: one INSERT by the platform, plus its price version (from next month).
SELECT tests.act_as_platform();
SELECT lives_ok($$ INSERT INTO monay.billing_tiers VALUES ('premium', 40, 80, 95, 'Premium support.') $$,
                'the platform adds a tier');
SELECT lives_ok($$ INSERT INTO monay.billing_tier_config (tier, effective_from, base_fee_cents, included_transactions,
                      included_computation_units, overage_transaction_cents, overage_per_1000_units_cents, overage_policy,
                      gross_margin_min_percent, gross_margin_max_percent, rate_limit_per_second, rate_limit_burst,
                      counter_slots)
                   VALUES ('premium', (date_trunc('month', now()) + interval '1 month')::date, 199900, 100000, 1000000,
                           5, 200, 'bill', 80, 95, 20000, 40000, 16) $$,
                'and its price version');
SELECT is((monay.create_tenant('Premium Co', 'enterprise', 'premium', tests.user_id('av_new_owner'), 85)).billing_tier,
          'premium', 'create_tenant accepts the new tier');
SELECT throws_ok($$ SELECT monay.create_tenant('Cheap Co', 'enterprise', 'premium', tests.user_id('av_new_owner'), 75) $$,
                 '22023', NULL, 'create_tenant holds the new tier''s margin range');
SELECT tests.as_superuser();
SELECT throws_ok($$ INSERT INTO monay.tenants (billing_tier, gross_margin_percent) VALUES ('premium', 79.99) $$,
                 '23514', NULL, 'and so does the table (the trigger reads the new range)');

SELECT * FROM finish();
ROLLBACK;
