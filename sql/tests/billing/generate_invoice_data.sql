-- monay.generate_invoice_data: lines, totals, the amount in each stablecoin.
BEGIN;
SELECT plan(10);

SELECT tests.billing_tenant('b', 'small_business');
SELECT tests.billing_tenant('c', 'enterprise');

SELECT has_function('monay', 'generate_invoice_data', ARRAY['uuid', 'date'], 'generate_invoice_data(uuid, date) exists');

SELECT tests.act_as('b');
SELECT tests.billing_usage('b', '2025-01-01', '[
    {"operation_type": "transfer", "quantity": 10100},
    {"operation_type": "kyc_check", "quantity": 200}]');
CREATE TEMP TABLE inv ON COMMIT DROP AS SELECT monay.generate_invoice_data(tests.id('b'), '2025-01-01') AS v;
SELECT is((SELECT jsonb_agg(l -> 'amount_cents') FROM inv, jsonb_array_elements(v -> 'lines') l), '[4900, 200, 1010]'::jsonb,
          'lines: base fee, 100 transactions x 2, floor(10100 units x 100 / 1000)');
SELECT is((SELECT v -> 'totals' FROM inv),
          '{"total_before_discount_cents": 6110, "usdxm_discount_cents": 611, "total_cents": 5499,
            "adjustments_cents": 0, "paid_cents": 0, "balance_due_cents": 6110}'::jsonb, 'totals');
SELECT is((SELECT jsonb_agg(jsonb_build_object('symbol', p -> 'symbol', 'cents', p -> 'amount_cents',
                                               'units', p -> 'amount_base_units'))
           FROM inv, jsonb_array_elements(v -> 'pay_with') p),
          '[{"symbol": "USDXM", "cents": 5499, "units": "54990000"}, {"symbol": "USDC", "cents": 6110, "units": "61100000"},
            {"symbol": "USDT", "cents": 6110, "units": "61100000"}]'::jsonb,
          'the amount in each stablecoin, in cents and base units (USDXM 10% off)');
SELECT is((SELECT v ->> 'status' FROM inv), 'draft', 'an unbilled month is a draft');
SELECT ok((SELECT v ->> 'invoice_number' FROM inv) ~ '^INV-TNT-[0-9]{6,}-[A-Z]-202501$', 'invoice number INV-<code>-YYYYMM');

SELECT tests.billing_finalize('b', '2025-01-01');
SELECT tests.act_as('b');
SELECT monay.process_payment(tests.id('b'), 1110, 'USDC');
SELECT is(monay.generate_invoice_data(tests.id('b'), '2025-01-01') #> '{totals,balance_due_cents}', '5000'::jsonb,
          'a finalized, partly paid bill shows the balance due');
SELECT is(monay.generate_invoice_data(tests.id('b'), '2025-01-01') #> '{pay_with,0,amount_cents}', '4500'::jsonb,
          'and the balance in USDXM');

SELECT throws_ok($$ SELECT monay.generate_invoice_data(tests.id('c'), '2025-01-01') $$, '42501', NULL,
                 'tenant b cannot see tenant c''s invoice');
SELECT throws_ok($$ SELECT monay.generate_invoice_data(tests.id('b'), NULL) $$, '22023', NULL, 'a NULL period');

SELECT * FROM finish();
ROLLBACK;
