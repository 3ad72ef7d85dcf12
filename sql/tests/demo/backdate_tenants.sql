-- monay_demo.backdate_tenants: demo only, moves sign-up and tier history back.
BEGIN;
SELECT plan(5);

SELECT tests.make_tenant('bd');
SELECT tests.make_tenant('bd_other');
SELECT is(monay_demo.backdate_tenants(ARRAY[tests.id('bd')], '2024-03-01'), 1, 'one tenant moved');
SELECT is((SELECT created_at FROM monay.tenants WHERE id = tests.id('bd')), '2024-03-01 00:00+00'::timestamptz,
          'its sign-up is on that day');
SELECT is((SELECT min(effective_at) FROM monay.tenant_tier_history WHERE tenant_id = tests.id('bd')),
          '2024-03-01 00:00+00'::timestamptz, 'its tier history starts then');
SELECT isnt((SELECT created_at FROM monay.tenants WHERE id = tests.id('bd_other')), '2024-03-01 00:00+00'::timestamptz,
            'another tenant is untouched');
SELECT throws_ok($$ SELECT monay_demo.backdate_tenants(NULL, '2024-03-01') $$, '22023', NULL, 'NULL ids refused');

SELECT * FROM finish();
ROLLBACK;
