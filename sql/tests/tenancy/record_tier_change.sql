-- monay_private.record_tier_change: the trigger that keeps monay.tenant_tier_history.
BEGIN;
SELECT plan(11);

SELECT has_table('monay', 'tenant_tier_history', 'tenant_tier_history exists');
SELECT col_is_pk('monay', 'tenant_tier_history', ARRAY['tenant_id', 'effective_at'],
                 'its primary key is (tenant_id, effective_at)');
SELECT trigger_is('monay', 'tenants', 'tenants_700_record_tier_change', 'monay_private', 'record_tier_change',
                  'tenants carries the tier-history trigger');

SELECT tests.make_tenant('a', 'small_business');
SELECT tests.make_tenant('b', 'free');

SELECT results_eq(
    $$ SELECT effective_at, billing_tier, gross_margin_percent FROM monay.tenant_tier_history
       WHERE tenant_id = tests.id('a') $$,
    $$ SELECT created_at, 'small_business'::text, 60.00::numeric(5,2) FROM monay.tenants WHERE id = tests.id('a') $$,
    'an inserted tenant gets one history row effective from its created_at');

-- Back-date the creation so that a change "now" is a distinct instant.
UPDATE monay.tenant_tier_history SET effective_at = now() - interval '10 days' WHERE tenant_id = tests.id('a');
UPDATE monay.tenants SET created_at = now() - interval '10 days' WHERE id = tests.id('a');

-- As monay_owner inside the platform context: what a SECURITY DEFINER function does.
SELECT tests.act_as_platform();
SET LOCAL ROLE monay_owner;
UPDATE monay.tenants SET billing_tier = 'enterprise', gross_margin_percent = 75 WHERE id = tests.id('a');
SELECT results_eq(
    $$ SELECT billing_tier, gross_margin_percent, effective_at = now() FROM monay.tenant_tier_history
       WHERE tenant_id = tests.id('a') ORDER BY effective_at $$,
    $$ VALUES ('small_business'::text, 60.00::numeric(5,2), false), ('enterprise', 75.00, true) $$,
    'a tier change appends a row effective now(), under the platform context');

UPDATE monay.tenants SET gross_margin_percent = 80 WHERE id = tests.id('a');
SELECT is((SELECT count(*) FROM monay.tenant_tier_history WHERE tenant_id = tests.id('a')), 2::bigint,
          'a second change in the same transaction overwrites the row of this instant');
SELECT is((SELECT gross_margin_percent FROM monay.tenant_tier_history
           WHERE tenant_id = tests.id('a') AND effective_at = now()), 80.00::numeric(5,2),
          'the latest margin of the instant wins');

UPDATE monay.tenants SET name = 'renamed' WHERE id = tests.id('a');
SELECT is((SELECT count(*) FROM monay.tenant_tier_history WHERE tenant_id = tests.id('a')), 2::bigint,
          'a change of other columns writes no history');

-- What a tenant sees: its own history only, read-only.
SELECT tests.act_as('b');
SELECT results_eq($$ SELECT DISTINCT tenant_id FROM monay.tenant_tier_history $$,
                  ARRAY[tests.id('b')], 'tenant b sees only its own tier history');
SELECT throws_ok($$ INSERT INTO monay.tenant_tier_history VALUES (tests.id('b'), now(), 'free', 0, NULL) $$,
                 '42501', NULL, 'the application cannot write the history directly');
SELECT throws_ok($$ UPDATE monay.tenant_tier_history SET gross_margin_percent = 0 $$,
                 '42501', NULL, 'the application cannot rewrite the history');

SELECT * FROM finish();
ROLLBACK;
