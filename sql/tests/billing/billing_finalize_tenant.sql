-- monay_private.billing_finalize_tenant: stores one tenant's bill for a month exactly once,
-- a bill of 0 paid at once, the tenant's credit applied. It does not check that the month is
-- over nor who asks: its callers (finalize_tenant_billing, the monthly run) do (MT407, 42501).
-- Internal (only monay_owner may execute it): called as monay_owner (tests.act_as_definer) in
-- the platform context, as the monthly run runs it.
BEGIN;
SELECT plan(10);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('c', 'small_business');
SELECT tests.billing_tenant('f', 'free');
-- c has paid 5000 ahead (credit, no bill yet).
SELECT tests.act_as('c');
SELECT monay.process_payment(tests.id('c'), 5000, 'USDC');

SELECT tests.as_superuser();
SELECT has_function('monay_private', 'billing_finalize_tenant', ARRAY['uuid', 'date', 'bigint'],
                    'billing_finalize_tenant(uuid, date, bigint) exists');
SELECT is_definer('monay_private', 'billing_finalize_tenant', ARRAY['uuid', 'date', 'bigint'],
                  'billing_finalize_tenant is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_finalize_tenant(uuid, date, bigint)', 'EXECUTE'),
          'monay_app cannot execute billing_finalize_tenant');

SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT is(monay_private.billing_finalize_tenant(tests.id('b'), '2025-01-01'), true, 'the first call finalizes b''s January');
SELECT is((SELECT (status, total_before_discount_cents, total_cents, paid_at IS NULL, bill IS NULL AND cardinality(lines) = 1)::text
           FROM monay.billing_metrics WHERE tenant_id = tests.id('b') AND period = '2025-01-01'),
          '(finalized,4900,4410,t,t)', 'the stored bill: finalized, 4900 before discount, 4410 in USDXM, unpaid, figures only (022)');
SELECT is(monay_private.billing_finalize_tenant(tests.id('b'), '2025-01-01'), false, 'a second call returns false');
SELECT is((SELECT count(*) FROM monay.billing_metrics WHERE tenant_id = tests.id('b')), 1::bigint, 'and stores nothing more');

SELECT monay_private.billing_finalize_tenant(tests.id('f'), '2025-01-01');
SELECT is((SELECT (status, total_cents, paid_at IS NOT NULL)::text FROM monay.billing_metrics WHERE tenant_id = tests.id('f')),
          '(paid,0,t)', 'a free tenant''s bill of 0 is paid at once');

SELECT monay_private.billing_finalize_tenant(tests.id('c'), '2025-01-01');
SELECT is((SELECT (status, payment_method)::text FROM monay.billing_metrics WHERE tenant_id = tests.id('c')),
          '(paid,USDC)', 'c''s credit of 5000 pays its 4900 bill when it is finalized');

SELECT throws_ok($$ SELECT monay_private.billing_finalize_tenant(tests.id('ghost'), '2025-01-01') $$, 'MT301', NULL,
                 'an unknown tenant raises MT301 (from billing_compute)');

SELECT * FROM finish();
ROLLBACK;
