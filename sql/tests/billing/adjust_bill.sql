-- monay.adjust_bill: corrections are adjustment rows; the bill row never changes.
BEGIN;
SELECT plan(11);

SELECT tests.billing_tenant('b', 'small_business');
SELECT has_function('monay', 'adjust_bill', ARRAY['uuid', 'date', 'bigint', 'text'], 'adjust_bill(uuid, date, bigint, text) exists');
SELECT tests.billing_finalize('b', '2025-01-01');

SELECT tests.act_as('b');
SELECT monay.process_payment(tests.id('b'), 4900, 'USDC');
SELECT tests.act_as_platform();
CREATE TEMP TABLE a1 ON COMMIT DROP AS
SELECT monay.adjust_bill(tests.id('b'), '2025-01-01', 250, 'KYC vendor surcharge missed in January') AS v;
SELECT is((SELECT v ->> 'status' FROM a1), 'finalized', 'a positive correction reopens a paid bill');
SELECT is((SELECT (v ->> 'balance_due_cents')::bigint FROM a1), 250::bigint, 'the balance due is the correction');
SELECT is((SELECT v #>> '{costs,total_before_discount_cents}' FROM a1), '4900', 'the bill itself is unchanged');
SELECT is((SELECT count(*) FROM monay.billing_adjustments WHERE tenant_id = tests.id('b')), 1::bigint,
          'the correction is a row of billing_adjustments');
SELECT is(monay.adjust_bill(tests.id('b'), '2025-01-01', -250, 'waived') ->> 'status', 'paid',
          'a credit back to what was paid makes it paid again');
SELECT throws_ok($$ SELECT monay.adjust_bill(tests.id('b'), '2025-01-01', -1, 'too much') $$, 'MT413', NULL,
                 'a correction below what was paid is refused (no refunds here)');
SELECT throws_ok($$ SELECT monay.adjust_bill(tests.id('b'), '2025-02-01', 100, 'no bill') $$, 'MT412', NULL,
                 'a month without a bill cannot be adjusted');
SELECT throws_ok($$ SELECT monay.adjust_bill(tests.id('b'), '2025-01-01', 0, 'zero') $$, '22023', NULL, 'amount 0');
SELECT throws_ok($$ SELECT monay.adjust_bill(tests.id('b'), '2025-01-01', 10, '  ') $$, '22023', NULL, 'a blank reason');
SELECT tests.act_as('b');
SELECT throws_ok($$ SELECT monay.adjust_bill(tests.id('b'), '2025-01-01', -100, 'self service') $$, '42501', NULL,
                 'a tenant cannot adjust its own bill');

SELECT * FROM finish();
ROLLBACK;
