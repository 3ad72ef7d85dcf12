-- monay_private.billing_compute: the hybrid bill of a tenant and month from counters, tier
-- history and price versions (a draft; nothing stored). Under RLS like its callers.
-- Internal (only monay_owner may execute it): called as monay_owner (tests.act_as_definer) in the
-- platform context, then in a tenant's context for what another tenant sees. (As a definer it
-- runs as monay_owner, under forced RLS: with no context at all it sees no tenant.)
BEGIN;
SELECT plan(11);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('f', 'free');
SELECT tests.billing_tenant('p', 'free');
SELECT tests.billing_tier_change('p', 'small_business', '2025-01-16 12:00+00');
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();

SELECT has_function('monay_private', 'billing_compute', ARRAY['uuid', 'date', 'text', 'bigint', 'bigint', 'bigint'],
                    'billing_compute(uuid, date, text, bigint, bigint, bigint) exists');
SELECT is_definer('monay_private', 'billing_compute', ARRAY['uuid', 'date', 'text', 'bigint', 'bigint', 'bigint'],
                  'billing_compute is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_compute(uuid, date, text, bigint, bigint, bigint)', 'EXECUTE'),
          'monay_app cannot execute billing_compute');

SELECT is(monay_private.billing_compute(tests.id('b'), '2025-01-01') -> 'costs',
          '{"base_fee_cents": 4900, "overage_transactions_cents": 0, "overage_computation_units_cents": 0,
            "total_before_discount_cents": 4900, "usdxm_discount_cents": 490, "total_cents": 4410,
            "payment_method": "USDXM"}'::jsonb,
          'small_business, no usage: base 4900, USDXM discount 490, total 4410');
SELECT is((SELECT (v ->> 'tier', v ->> 'status', v ->> 'days_in_period', v ->> 'period_end')
           FROM monay_private.billing_compute(tests.id('b'), '2025-02-01') v),
          ('small_business'::text, 'draft'::text, '28'::text, '2025-03-01'::text), 'a draft for February: 28 days, ends 2025-03-01');

-- Hypothetical usage: 10010 transactions (10 over), 100500 units (500 over at 100 per 1000), cost 1001 millicents.
SELECT is((SELECT (v #>> '{costs,overage_transactions_cents}', v #>> '{costs,overage_computation_units_cents}',
                   v #>> '{costs,total_before_discount_cents}', v #>> '{margin,cost_cents}')
           FROM monay_private.billing_compute(tests.id('b'), '2025-01-01', 'small_business', 10010, 100500, 1001) v),
          ('20'::text, '50'::text, '4970'::text, '2'::text),
          'overage 10 x 2 + floor(500 x 100 / 1000); cost 1001 millicents rounds up to 2 cents');

-- p: free until 2025-01-16 12:00, then small_business; day 16 ends after the change.
SELECT is((SELECT jsonb_agg(jsonb_build_object('tier', l -> 'tier', 'days', l -> 'days', 'base', l -> 'base_fee_cents'))
           FROM jsonb_array_elements(monay_private.billing_compute(tests.id('p'), '2025-01-01') -> 'lines') l),
          '[{"tier": "free", "days": 15, "base": 0}, {"tier": "small_business", "days": 16, "base": 2529}]'::jsonb,
          'a mid-month upgrade: 15 free days, 16 small_business days billed floor(4900 x 16 / 31)');

SELECT is(monay_private.billing_compute(tests.id('f'), '2025-01-01') #>> '{margin,gross_margin_percent}', NULL,
          'a bill of 0 has no margin (NULL, no division by zero)');

SELECT throws_ok($$ SELECT monay_private.billing_compute(tests.id('ghost'), '2025-01-01') $$, 'MT301', NULL,
                 'an unknown tenant raises MT301');

-- Under a's context (monay_owner, as its definer callers run), b's history and tenants row are hidden.
SELECT tests.as_superuser();
SELECT tests.make_tenant('a');
SELECT tests.act_as('a');
SELECT tests.act_as_definer();
SELECT throws_ok($$ SELECT monay_private.billing_compute(tests.id('b'), '2025-01-01') $$, 'MT301', NULL,
                 'in tenant a''s context, tenant b does not exist (MT301)');
SELECT is(monay_private.billing_compute(tests.id('a'), '2025-01-01') ->> 'tenant_id', tests.id('a')::text,
          'while a''s own bill computes');

SELECT * FROM finish();
ROLLBACK;
