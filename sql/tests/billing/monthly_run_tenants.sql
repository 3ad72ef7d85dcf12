-- Which tenants the monthly run bills: every tenant that existed during some part of the
-- month, also one created in the middle of it and one closed during it (both prorated),
-- and nobody created after it or closed before it.
BEGIN;
SELECT plan(8);

SELECT tests.billing_tenant('before', 'small_business', '2024-01-01');
SELECT tests.billing_tenant('mid', 'small_business', '2025-01-16 00:00+00');
SELECT tests.billing_tenant('closing', 'small_business', '2024-01-01', 'closed');
UPDATE monay.tenants SET status_changed_at = '2025-01-20 12:00+00' WHERE id = tests.id('closing');
SELECT tests.billing_tenant('closed_before', 'small_business', '2024-01-01', 'closed');
UPDATE monay.tenants SET status_changed_at = '2024-12-31 23:59+00' WHERE id = tests.id('closed_before');
SELECT tests.billing_tenant('after', 'small_business', '2025-02-01 00:00+00');

SELECT tests.act_as_platform();
CREATE TEMP TABLE run ON COMMIT DROP AS SELECT monay.billing_run_start('2025-01-01') AS v;
SELECT is((SELECT (v ->> 'tenants_total')::int FROM run), 3,
          'the run counts the tenants that existed in the month');
SELECT is((SELECT (v ->> 'billed')::int
           FROM monay.billing_run_batch((SELECT (v ->> 'run_id')::bigint FROM run), NULL) v), 3,
          'one batch bills all three');
SELECT is((SELECT (v ->> 'remaining')::int
           FROM monay.billing_run_finish((SELECT (v ->> 'run_id')::bigint FROM run)) v), 0,
          'nothing is left');

SELECT set_eq($$ SELECT tenant_id FROM monay.billing_metrics WHERE period = '2025-01-01' $$,
              ARRAY[tests.id('before'), tests.id('mid'), tests.id('closing')],
              'bills for the tenant of the whole month, the one created mid-month and the one closed in it');
SELECT is((SELECT base_fee_cents FROM monay.billing_metrics
           WHERE tenant_id = tests.id('before') AND period = '2025-01-01'), 4900::bigint,
          'a whole month pays the whole base fee');
SELECT is((SELECT base_fee_cents FROM monay.billing_metrics
           WHERE tenant_id = tests.id('mid') AND period = '2025-01-01'), (4900 * 16 / 31)::bigint,
          'created on the 16th: 16 of 31 days of the base fee');
SELECT cmp_ok((SELECT base_fee_cents FROM monay.billing_metrics
               WHERE tenant_id = tests.id('closing') AND period = '2025-01-01'), '>', 0::bigint,
              'closed on the 20th: billed for the days it was open');
SELECT is_empty($$ SELECT 1 FROM monay.billing_metrics
                   WHERE tenant_id IN (tests.id('closed_before'), tests.id('after')) $$,
                'no bill for a tenant closed before the month or created after it');

SELECT * FROM finish();
ROLLBACK;
