-- monay_private.billing_stored_bill: a finalized bill with its status, adjustments, payments and
-- balance due; NULL when not billed. Reads under RLS (definer = monay_owner, RLS forced).
-- Internal (only monay_owner may execute it): called as monay_owner (tests.act_as_definer) in the
-- platform context, then in another tenant's context.
BEGIN;
SELECT plan(9);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.make_tenant('a');
SELECT tests.billing_finalize('b', '2025-01-01');
SELECT tests.act_as_platform();
SELECT monay.adjust_bill(tests.id('b'), '2025-01-01', 100, 'late fee');
SELECT tests.act_as('b');
SELECT monay.process_payment(tests.id('b'), 1000, 'USDC');

SELECT tests.as_superuser();
SELECT has_function('monay_private', 'billing_stored_bill', ARRAY['uuid', 'date'], 'billing_stored_bill(uuid, date) exists');
SELECT is_definer('monay_private', 'billing_stored_bill', ARRAY['uuid', 'date'], 'billing_stored_bill is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_stored_bill(uuid, date)', 'EXECUTE'),
          'monay_app cannot execute billing_stored_bill');

SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT is((SELECT (v ->> 'status', v ->> 'adjustments_cents', v ->> 'paid_cents', v ->> 'balance_due_cents')::text
           FROM monay_private.billing_stored_bill(tests.id('b'), '2025-01-01') v),
          '(finalized,100,1000,4000)', 'status, adjustments 100, paid 1000, balance 4900 + 100 - 1000 = 4000');
SELECT is(monay_private.billing_stored_bill(tests.id('b'), '2025-01-01') #>> '{costs,total_before_discount_cents}', '4900',
          'the amounts are the bill as finalized (adjustments do not rewrite it)');
SELECT is(monay_private.billing_stored_bill(tests.id('b'), '2025-01-01') #>> '{costs,payment_method}', 'USDXM',
          'costs carry the bill''s current payment method');
SELECT is(monay_private.billing_stored_bill(tests.id('b'), '2025-02-01'), NULL, 'a month without a bill gives NULL');
SELECT is(monay_private.billing_stored_bill(tests.id('b'), tests.this_month()), NULL, 'the running month gives NULL');

SELECT tests.act_as('a');
SELECT tests.act_as_definer();
SELECT is(monay_private.billing_stored_bill(tests.id('b'), '2025-01-01'), NULL,
          'in tenant a''s context, b''s bill is not visible (NULL)');

SELECT * FROM finish();
ROLLBACK;
