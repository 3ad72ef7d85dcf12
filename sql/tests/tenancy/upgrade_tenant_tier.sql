-- monay.upgrade_tenant_tier: platform only; tier and margin change together; history and audit.
BEGIN;
SELECT plan(17);

SELECT has_function('monay', 'upgrade_tenant_tier', ARRAY['uuid', 'text', 'numeric'], 'upgrade_tenant_tier(uuid, text, numeric) exists');

SELECT tests.make_tenant('a', 'free');
SELECT tests.make_tenant('b', 'small_business');
SELECT tests.make_tenant('closed_t', 'free', NULL, 'closed');
-- Back-date creation so that "now" is a new instant in the history.
UPDATE monay.tenant_tier_history SET effective_at = effective_at - interval '1 day';

SELECT tests.act_as_platform();
SELECT is((SELECT billing_tier || ' ' || gross_margin_percent FROM monay.upgrade_tenant_tier(tests.id('a'), 'small_business')),
          'small_business 60.00', 'free -> small_business takes DEFAULT_MARGIN_PERCENT');
SELECT results_eq($$ SELECT billing_tier, gross_margin_percent FROM monay.tenant_tier_history
                     WHERE tenant_id = tests.id('a') ORDER BY effective_at $$,
                  $$ VALUES ('free'::text, 0.00::numeric(5,2)), ('small_business', 60.00) $$,
                  'the change is in the tier history, effective now');
SELECT ok(EXISTS (SELECT 1 FROM monay.audit_log WHERE tenant_id = tests.id('a') AND action = 'UPDATE'
                  AND old_values ->> 'billing_tier' = 'free' AND new_values ->> 'billing_tier' = 'small_business'),
          'the change is audited with old and new values');
SELECT is((SELECT gross_margin_percent FROM monay.upgrade_tenant_tier(tests.id('a'), 'enterprise', 88.5)),
          88.50::numeric(5,2), 'an explicit margin inside the new range');
SELECT is((SELECT gross_margin_percent FROM monay.upgrade_tenant_tier(tests.id('a'), 'free')),
          0.00::numeric(5,2), 'a downgrade to free sets the margin to 0');

-- Same tier.
SELECT is((SELECT updated_at FROM monay.upgrade_tenant_tier(tests.id('b'), 'small_business')),
          (SELECT updated_at FROM monay.tenants WHERE id = tests.id('b')),
          'the same tier without a margin is a no-op returning the tenant');
SELECT is((SELECT count(*) FROM monay.tenant_tier_history WHERE tenant_id = tests.id('b')), 1::bigint,
          '... writing no history');
SELECT is((SELECT gross_margin_percent FROM monay.upgrade_tenant_tier(tests.id('b'), 'small_business', 65)),
          65.00::numeric(5,2), 'the same tier with another margin changes the margin');

SELECT throws_ok($$ SELECT monay.upgrade_tenant_tier(tests.id('b'), 'enterprise', 95) $$, '22023',
                 'gross margin 95 % is outside the range of tier enterprise (70 to 90 %) for tenant ' || tests.id('b'),
                 'a margin outside the new tier''s range: 22023 naming tier, range, value and tenant');
SELECT throws_ok($$ SELECT monay.upgrade_tenant_tier(tests.id('b'), 'platinum') $$, '22023', NULL, 'unknown tier: 22023');
SELECT throws_ok($$ SELECT monay.upgrade_tenant_tier(gen_random_uuid(), 'enterprise') $$, 'MT301', NULL, 'unknown tenant: MT301');
SELECT throws_ok($$ SELECT monay.upgrade_tenant_tier(tests.id('closed_t'), 'enterprise') $$, 'MT304', NULL, 'closed tenant: MT304');

SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay.upgrade_tenant_tier(tests.id('b'), 'enterprise') $$, '42501', NULL,
                 'the application role cannot execute it (42501)');
SELECT tests.act_as_tenant_job('b');
SELECT throws_ok($$ SELECT monay.upgrade_tenant_tier(tests.id('b'), 'enterprise') $$, '42501', NULL,
                 'monay_platform inside a tenant context is not the platform context (42501)');
SELECT tests.act_as_forger('b', true);
SELECT throws_ok($$ SELECT monay.upgrade_tenant_tier(tests.id('b'), 'enterprise') $$, '42501', NULL,
                 'a forged platform flag is refused (42501)');
SELECT tests.as_superuser();
SELECT is((SELECT billing_tier FROM monay.tenants WHERE id = tests.id('b')), 'small_business',
          'after the refusals b is still small_business');

SELECT * FROM finish();
ROLLBACK;
