-- monay.get_billing_history: bills and payments, newest first, and the credit.
BEGIN;
SELECT plan(7);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('c', 'small_business');

SELECT has_function('monay', 'get_billing_history', ARRAY['uuid'], 'get_billing_history(uuid) exists');
SELECT tests.billing_finalize('b', '2025-01-01');
SELECT tests.billing_finalize('b', '2025-02-01');
SELECT tests.billing_finalize('c', '2025-01-01');
SELECT tests.act_as('b');
SELECT monay.process_payment(tests.id('b'), 6000, 'USDXM');
CREATE TEMP TABLE h ON COMMIT DROP AS SELECT monay.get_billing_history(tests.id('b')) AS v;
SELECT is((SELECT jsonb_agg(x -> 'period') FROM h, jsonb_array_elements(v -> 'bills') x), '["2025-02-01", "2025-01-01"]'::jsonb,
          'the tenant''s bills, newest first');
SELECT is((SELECT jsonb_agg(jsonb_build_object('status', x -> 'status', 'due', x -> 'balance_due_cents'))
           FROM h, jsonb_array_elements(v -> 'bills') x),
          '[{"status": "finalized", "due": 3800}, {"status": "paid", "due": 0}]'::jsonb, 'with status and balance');
SELECT is((SELECT v #> '{payments,0,allocated_cents}' FROM h), '6000'::jsonb, 'payments with what they paid');
SELECT is((SELECT v -> 'credit_cents' FROM h), '0'::jsonb, 'no credit left');
SELECT throws_ok($$ SELECT monay.get_billing_history(tests.id('c')) $$, '42501', NULL,
                 'tenant b cannot read tenant c''s history');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.get_billing_history(tests.id('ghost')) $$, 'MT301', NULL, 'unknown tenant');

SELECT * FROM finish();
ROLLBACK;
