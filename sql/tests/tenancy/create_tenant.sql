-- monay.create_tenant: provisioning by a user for themself or by the platform for anyone.
BEGIN;
SELECT plan(34);

SELECT has_function('monay', 'create_tenant', ARRAY['text', 'text', 'text', 'uuid', 'numeric', 'text'],
                    'create_tenant(name, type, tier, owner, margin, idempotency key) exists');
SELECT function_returns('monay', 'create_tenant', ARRAY['text', 'text', 'text', 'uuid', 'numeric', 'text'],
                        'monay.tenants', 'it returns a monay.tenants row');

SELECT tests.make_tenant('a');
SELECT tests.make_tenant('b');
SELECT tests.make_user('carol');
SELECT tests.make_user('dave', 'disabled');

-- A user creates a tenant for themself, from inside tenant a.
SELECT tests.act_as('a');
CREATE TEMP TABLE t1 AS SELECT * FROM monay.create_tenant('Alice Household', 'household');
GRANT SELECT ON t1 TO PUBLIC;
SELECT is((SELECT billing_tier FROM t1), 'free', 'the tier defaults to DEFAULT_TENANT_TIER (free)');
SELECT is((SELECT gross_margin_percent FROM t1), 0.00::numeric(5,2), 'the free tier''s margin is 0');
SELECT ok((SELECT monay.tenant_code_is_valid(tenant_code) FROM t1), 'a valid tenant code is generated');
SELECT is((SELECT status FROM t1), 'active', 'the new tenant is active');
SELECT is(monay.current_tenant_id(), tests.id('a'), 'the caller''s context (tenant a) is restored');
SELECT results_eq($$ SELECT role FROM monay.list_user_tenants() WHERE tenant_id = (SELECT id FROM t1) $$,
                  ARRAY['owner'], 'the caller is the owner of the new tenant (in their tenant selector)');
SELECT ok(EXISTS (SELECT 1 FROM monay.list_user_tenants() WHERE tenant_id = (SELECT id FROM t1)),
          'the new tenant appears in the caller''s tenant selector');
SELECT lives_ok($$ SELECT monay.switch_tenant((SELECT id FROM t1)) $$, 'the owner can switch into it');
SELECT is((SELECT count(*) FROM monay.tenant_tier_history WHERE tenant_id = (SELECT id FROM t1)), 1::bigint,
          'its tier history starts with one row');
SELECT is((SELECT count(*) FROM monay.audit_log WHERE tenant_id = (SELECT id FROM t1) AND action = 'INSERT'),
          2::bigint, 'the tenant and its owner membership are audited');

SELECT tests.act_as('a');
SELECT is((monay.create_tenant('Shop', 'small_business', 'small_business')).gross_margin_percent,
          60.00::numeric(5,2), 'small_business defaults to DEFAULT_MARGIN_PERCENT (60)');
SELECT is((monay.create_tenant('Corp', 'enterprise', 'enterprise')).gross_margin_percent,
          70.00::numeric(5,2), 'enterprise defaults to its floor (70)');
SELECT is((monay.create_tenant('Corp 2', 'enterprise', 'enterprise', tests.user_id('a_owner'), 85)).gross_margin_percent,
          85.00::numeric(5,2), 'an explicit margin inside the range, owner = self');

SELECT throws_ok($$ SELECT monay.create_tenant('X', 'enterprise', 'enterprise', NULL, 95) $$,
                 '22023', 'gross margin 95 % is outside the range of tier enterprise (70 to 90 %)',
                 'a margin outside the tier''s range is refused naming tier, range and value (22023)');
SELECT throws_ok($$ SELECT monay.create_tenant('X', 'small_business', 'small_business', NULL, 45) $$,
                 '22023', NULL, 'small_business at 45 % is refused (22023)');
SELECT throws_ok($$ SELECT monay.create_tenant('X', 'household', 'gold') $$, '22023', NULL, 'an unknown tier is refused (22023)');
SELECT throws_ok($$ SELECT monay.create_tenant('X', 'castle') $$, '22023', NULL, 'an unknown tenant type is refused (22023)');
SELECT throws_ok($$ SELECT monay.create_tenant('  ', 'household') $$, '22023', NULL, 'a blank name is refused (22023)');
SELECT throws_ok($$ SELECT monay.create_tenant('X', 'household', NULL, tests.user_id('carol')) $$,
                 '42501', NULL, 'a user cannot create a tenant owned by someone else (42501)');

-- MAX_TENANTS_PER_USER: a_owner now owns a, t1, Shop, Corp, Corp 2 = 5.
SELECT throws_ok($$ SELECT monay.create_tenant('Sixth', 'household') $$, 'MT303', NULL,
                 'a sixth tenant exceeds MAX_TENANTS_PER_USER (MT303)');

-- Idempotency key.
SELECT tests.act_as('b');
CREATE TEMP TABLE k1 AS SELECT * FROM monay.create_tenant('Keyed', 'household', NULL, NULL, NULL, 'req-1');
GRANT SELECT ON k1 TO PUBLIC;
SELECT is((monay.create_tenant('Keyed', 'household', NULL, NULL, NULL, 'req-1')).id, (SELECT id FROM k1),
          'a retry with the same key returns the same tenant');
SELECT is((SELECT count(*) FROM monay.list_user_tenants() WHERE name = 'Keyed'), 1::bigint,
          'and creates no second tenant');
SELECT throws_ok($$ SELECT monay.create_tenant('Other name', 'household', NULL, NULL, NULL, 'req-1') $$,
                 'MT307', NULL, 'the same key with other parameters is refused (MT307)');
SELECT isnt((monay.create_tenant('Keyed', 'household', NULL, NULL, NULL, 'req-2')).id, (SELECT id FROM k1),
            'another key creates another tenant');

-- No context, forged context.
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.create_tenant('X', 'household') $$, '42501', NULL,
                 'without a context nobody can create a tenant (42501)');
SELECT tests.act_as_forger('a', true);
SELECT throws_ok($$ SELECT monay.create_tenant('X', 'household', NULL, tests.user_id('carol')) $$, '42501', NULL,
                 'a forged platform context cannot create a tenant (42501)');

-- The platform creates for anyone.
SELECT tests.act_as_platform();
CREATE TEMP TABLE c1 AS SELECT * FROM monay.create_tenant('Carol Co', 'small_business', 'small_business',
                                                          tests.user_id('carol'), 65);
SELECT results_eq($$ SELECT user_id, role FROM monay.tenant_users WHERE tenant_id = (SELECT id FROM c1) $$,
                  $$ VALUES (tests.user_id('carol'), 'owner'::text) $$,
                  'the platform creates a tenant owned by carol');
SELECT ok(monay.is_platform_context(), 'the platform context is kept');
SELECT throws_ok($$ SELECT monay.create_tenant('X', 'household') $$, '22023', NULL,
                 'the platform must name the owner (22023)');
SELECT throws_ok($$ SELECT monay.create_tenant('X', 'household', NULL, gen_random_uuid()) $$, 'MT302', NULL,
                 'an unknown owner is refused (MT302)');
SELECT throws_ok($$ SELECT monay.create_tenant('X', 'household', NULL, tests.user_id('dave')) $$, 'MT302', NULL,
                 'a disabled owner is refused (MT302)');

-- What another tenant sees.
SELECT tests.act_as('b');
SELECT is_empty($$ SELECT 1 FROM monay.tenants WHERE name IN ('Alice Household', 'Shop', 'Carol Co') $$,
                'tenant b sees none of the tenants others created');

SELECT * FROM finish();
ROLLBACK;
