-- monay_private.tier_margin_range agrees with what monay.tenants enforces (the seed's margins per tier,
-- kept in monay.billing_tiers and checked by trigger tenants_200_margin_within_tier).
BEGIN;
SELECT plan(8);

SELECT results_eq($$ SELECT t, (monay_private.tier_margin_range(t)).* FROM unnest(ARRAY['free', 'small_business', 'enterprise']) t $$,
                  $$ VALUES ('free'::text, 0::numeric, 0::numeric), ('small_business', 60, 70), ('enterprise', 70, 90) $$,
                  'the ranges are free 0, small_business 60-70, enterprise 70-90');
SELECT is((monay_private.tier_margin_range('gold')).floor_pct, NULL, 'an unknown tier has no range');

-- The table's rule is the authority: each range's bounds pass it, a step outside fails.
SELECT throws_ok($$ INSERT INTO monay.tenants (billing_tier, gross_margin_percent) VALUES ('small_business', 45) $$,
                 '23514', NULL, 'the seed''s example: small_business at 45 % violates the CHECK');
SELECT is((SELECT count(*) FROM (SELECT tier FROM monay.billing_tiers) b (t),
                  LATERAL monay_private.tier_margin_range(t) r,
                  LATERAL (VALUES (r.floor_pct), (r.ceiling_pct)) v (m)
           WHERE (t = 'free' AND m = 0) OR (t = 'small_business' AND m BETWEEN 60 AND 70)
              OR (t = 'enterprise' AND m BETWEEN 70 AND 90)), 6::bigint, 'every bound satisfies the CHECK''s own rule');
SELECT lives_ok($$ INSERT INTO monay.tenants (name, billing_tier, gross_margin_percent)
                   SELECT t, t, m FROM (SELECT tier FROM monay.billing_tiers) b (t),
                        LATERAL monay_private.tier_margin_range(t) r, LATERAL (VALUES (r.floor_pct), (r.ceiling_pct)) v (m) $$,
                'tenants at every floor and ceiling are accepted by the CHECK');
SELECT throws_ok($$ INSERT INTO monay.tenants (name, billing_tier, gross_margin_percent) VALUES ('x', 'small_business', 70.01) $$,
                 '23514', NULL, 'just above small_business''s ceiling fails the CHECK');
SELECT throws_ok($$ INSERT INTO monay.tenants (name, billing_tier, gross_margin_percent) VALUES ('x', 'enterprise', 69.99) $$,
                 '23514', NULL, 'just below enterprise''s floor fails the CHECK');
SELECT throws_ok($$ INSERT INTO monay.tenants (name, billing_tier, gross_margin_percent) VALUES ('x', 'free', 0.01) $$,
                 '23514', NULL, 'free above 0 fails the CHECK');

SELECT * FROM finish();
ROLLBACK;
