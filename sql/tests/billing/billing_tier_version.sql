-- monay_private.billing_tier_version: the price version of a tier in force for a month.
-- Internal (only monay_owner may execute it): called as the test superuser.
BEGIN;
SELECT plan(8);

SELECT has_function('monay_private', 'billing_tier_version', ARRAY['text', 'date'], 'billing_tier_version(text, date) exists');
SELECT isnt_definer('monay_private', 'billing_tier_version', ARRAY['text', 'date'], 'billing_tier_version is SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_tier_version(text, date)', 'EXECUTE'),
          'monay_app cannot execute billing_tier_version');

SELECT is((SELECT (v.effective_from, v.base_fee_cents, v.included_transactions)
           FROM monay_private.billing_tier_version('small_business', '2025-03-01') v),
          ('2000-01-01'::date, 4900::bigint, 10000::bigint), 'the seed''s small_business version bills March 2025');

-- A version for next month (added as the platform, which may change future prices).
SELECT tests.act_as_platform();
SELECT lives_ok(tests.billing_price_sql('small_business', 5900), 'a small_business version of 5900 for next month is added');
SELECT tests.as_superuser();
SELECT is((monay_private.billing_tier_version('small_business', (tests.this_month() + interval '1 month')::date)).base_fee_cents,
          5900::bigint, 'next month is billed by the new version');
SELECT is((monay_private.billing_tier_version('small_business', tests.this_month())).base_fee_cents,
          4900::bigint, 'this month is still billed by the old one');
SELECT is((SELECT (v.tier, v.effective_from) FROM monay_private.billing_tier_version('gold', '2025-03-01') v)::text,
          '(,)', 'an unknown tier (or a month before any version) gives NULL fields');

SELECT * FROM finish();
ROLLBACK;
