-- MARGIN_CALCULATION_ENABLED (the seed's flag) in billing: monay_private.billing_margin_enabled and
-- monay_private.billing_bill_json. With the flag off every bill document (draft, stored, old or
-- new) carries no "margin"; the stored figures, the money and the margin floors do not change.
BEGIN;
SELECT plan(16);

SELECT has_function('monay_private', 'billing_margin_enabled', ARRAY[]::text[], 'billing_margin_enabled() exists');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.billing_margin_enabled()', 'EXECUTE'),
          'monay_app cannot execute billing_margin_enabled');
SELECT ok(NOT has_function_privilege('monay_app',
          'monay_private.billing_bill_json(uuid, date, text, text, text, bigint, bigint, bigint, bigint, bigint, bigint, '
          'bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, numeric, monay.billing_bill_line[], boolean)',
          'EXECUTE'), 'monay_app cannot execute billing_bill_json');

SELECT tests.billing_tenant('mf_a', 'small_business');
SELECT tests.billing_tenant('mf_b', 'enterprise');
SELECT tests.act_as('mf_a');
SELECT tests.billing_usage('mf_a', '2025-01-01', '[{"operation_type": "transfer", "quantity": 12000}]');
SELECT tests.act_as_platform();
SELECT monay.finalize_tenant_billing(tests.id('mf_a'), '2025-01-01');

-- Flag on (the default): drafts and stored bills carry the margin.
SELECT tests.as_superuser();
SELECT is(monay_private.billing_margin_enabled(), true, 'the flag is on by default');
SELECT tests.act_as('mf_a');
CREATE TEMP TABLE mf_on ON COMMIT DROP AS
SELECT monay.calculate_tenant_billing(tests.id('mf_a'), '2025-01-01') AS stored,
       monay.calculate_tenant_billing(tests.id('mf_a'), '2025-02-01') AS draft;
SELECT ok((SELECT stored ? 'margin' AND draft ? 'margin' FROM mf_on), 'flag on: stored bill and draft carry "margin"');
SELECT is((SELECT stored #>> '{margin,target_gross_margin_percent}' FROM mf_on), '60.00',
          'the stored bill (figures only since 022) has the tier''s target margin back');

-- Flag off.
SELECT tests.act_as_platform();
SELECT monay.set_setting('MARGIN_CALCULATION_ENABLED', 'false');
SELECT tests.act_as('mf_a');
CREATE TEMP TABLE mf_off ON COMMIT DROP AS
SELECT monay.calculate_tenant_billing(tests.id('mf_a'), '2025-01-01') AS stored,
       monay.calculate_tenant_billing(tests.id('mf_a'), '2025-02-01') AS draft,
       monay.generate_invoice_data(tests.id('mf_a'), '2025-01-01') AS invoice;
SELECT ok((SELECT NOT (stored ? 'margin') AND NOT (draft ? 'margin') FROM mf_off),
          'flag off: neither the stored bill nor the draft carries "margin"');
SELECT is((SELECT stored - 'margin' FROM mf_off), (SELECT stored - 'margin' FROM mf_on),
          'flag off: the rest of the stored bill is unchanged');
SELECT is((SELECT draft - 'margin' FROM mf_off), (SELECT draft - 'margin' FROM mf_on),
          'flag off: the rest of the draft is unchanged (money does not depend on the flag)');
SELECT ok((SELECT invoice::text !~ 'gross_margin' FROM mf_off), 'flag off: the invoice data carries no gross margin');
SELECT tests.as_superuser();
SELECT is((SELECT gross_margin_percent IS NOT NULL AND target_gross_margin_percent = 60 FROM monay.billing_metrics
           WHERE tenant_id = tests.id('mf_a') AND period = '2025-01-01'), true,
          'flag off: the stored figures stay (the flag only changes what the documents show)');
-- A bill stored before 022 (its JSON kept in the row) loses its margin on read too.
ALTER TABLE monay.billing_metrics DISABLE TRIGGER billing_metrics_guard;
UPDATE monay.billing_metrics SET bill = (SELECT stored FROM mf_on) - ARRAY['finalized_at', 'paid_at', 'run_id',
           'adjustments_cents', 'paid_cents', 'balance_due_cents']
WHERE tenant_id = tests.id('mf_a') AND period = '2025-01-01';
ALTER TABLE monay.billing_metrics ENABLE TRIGGER billing_metrics_guard;
SELECT tests.act_as('mf_a');
SELECT ok(NOT (monay.calculate_tenant_billing(tests.id('mf_a'), '2025-01-01') ? 'margin'),
          'flag off: a bill stored with its JSON (before 022) is read without "margin" too');
-- The flag switches off no money rule: the margin floor of a price version still holds.
SELECT tests.act_as_platform();
SELECT is(monay.apply_margin_markup(100, 60), 250::bigint, 'flag off: apply_margin_markup prices as before');
SELECT tests.as_superuser();
SELECT throws_ok($$ INSERT INTO monay.tenants (name, billing_tier, gross_margin_percent) VALUES ('mf low', 'small_business', 45) $$,
                 '23514', NULL, 'flag off: the tiers'' margin CHECK still refuses 45% for small_business');

-- Another tenant: the flag is global, the bills stay private.
SELECT tests.act_as('mf_b');
SELECT throws_ok($$ SELECT monay.calculate_tenant_billing(tests.id('mf_a'), '2025-01-01') $$, '42501', NULL,
                 'another tenant cannot read mf_a''s bill, margin or not');
SELECT tests.act_as_platform();
SELECT monay.set_setting('MARGIN_CALCULATION_ENABLED', 'true');
SELECT tests.act_as('mf_a');
SELECT ok(monay.calculate_tenant_billing(tests.id('mf_a'), '2025-01-01') ? 'margin', 'flag back on: the margin is back');

SELECT * FROM finish();
ROLLBACK;
