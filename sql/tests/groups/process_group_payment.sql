-- monay_private.group_billing_consolidate and monay.process_group_payment: the monthly run's consolidated bills,
-- each member's month carried once, paid once with one discount, allocated to the members' own bills.
BEGIN;
SELECT plan(22);

SELECT tests.billing_tenant('pgp_h', 'enterprise');
SELECT tests.billing_tenant('pgp_s1', 'small_business');
SELECT tests.billing_tenant('pgp_s2', 'small_business');
SELECT tests.billing_tenant('pgp_paid', 'small_business');
SELECT tests.billing_tenant('pgp_h2', 'small_business');
SELECT tests.billing_tenant('pgp_x', 'small_business');
SELECT tests.billing_tenant('pgp_fam', 'small_business');
UPDATE monay.tenants SET tenant_type = 'individual' WHERE id = tests.id('pgp_fam');
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('h', tests.groups_holding('pgp_h', 'H')), ('h2', tests.groups_holding('pgp_h2', 'H2')),
                      ('off', tests.groups_holding('pgp_x', 'Not consolidated', NULL, '{"consolidated_billing": false}')),
                      ('fam', tests.groups_household('pgp_fam', 'Fam'));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('pgp_s1'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('pgp_s2'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('pgp_paid'), 'subsidiary');
-- s2 is also in H2 (ordered after or before H by id: either way it is carried once)
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h2'), tests.id('pgp_s2'), 'subsidiary');
SELECT tests.act_as('pgp_s1');
SELECT tests.billing_usage('pgp_s1', '2025-01-01', '[{"operation_type": "transfer", "quantity": 10003}]');  -- counted in January 2025 (past months take usage only as late, issue 16)
SELECT tests.billing_finalize(n, '2025-01-01') FROM unnest(ARRAY['pgp_h', 'pgp_s1', 'pgp_s2', 'pgp_paid', 'pgp_h2', 'pgp_x', 'pgp_fam']) n;
-- pgp_paid paid its own bill before the group step
SELECT tests.act_as('pgp_paid');
SELECT monay.process_payment(tests.id('pgp_paid'), 4900, 'USDC');

SELECT has_function('monay', 'process_group_payment', ARRAY['uuid', 'date', 'text'], 'process_group_payment exists');
SELECT tests.act_as_platform();
SELECT tests.as_superuser();  -- the monthly run's step, as the migrating/job role inside the platform context
SELECT is(monay_private.group_billing_consolidate('2025-01-15'), 3, 'three consolidated bills: H, H2 and the household');
SELECT is(monay_private.group_billing_consolidate('2025-01-01'), 0, 'a rerun makes nothing (idempotent)');
SELECT is((SELECT count(*) FROM monay.group_bill_lines WHERE tenant_id = tests.id('pgp_s2')), 1::bigint,
          'a tenant in two groups is carried once');
SELECT is((SELECT count(*) FROM monay.group_bill_lines WHERE tenant_id = tests.id('pgp_paid')), 0::bigint,
          'a bill its tenant paid itself is not carried');
SELECT is((SELECT count(*) FROM monay.group_bills WHERE group_id = (SELECT id FROM gg WHERE k = 'off')), 0::bigint,
          'a group with consolidated_billing false gets none');

-- H's bill: H 49900 + S1 4906 (+ S2 4900 if H comes first)
SELECT tests.act_as('pgp_h');
CREATE TEMP TABLE hb AS SELECT * FROM monay.group_bills WHERE group_id = (SELECT id FROM gg WHERE k = 'h');
GRANT SELECT ON hb TO PUBLIC;
SELECT is((SELECT total_before_discount_cents FROM hb),
          (SELECT sum(total_before_discount_cents)::bigint FROM monay.group_bill_lines WHERE group_id = (SELECT id FROM gg WHERE k = 'h')),
          'the consolidated total is the sum of its lines');
SELECT is((SELECT usdxm_discount_cents FROM hb), (SELECT total_before_discount_cents * 10 / 100 FROM hb),
          'one USDXM discount on the total');

CREATE TEMP TABLE pay AS SELECT monay.process_group_payment((SELECT id FROM gg WHERE k = 'h'), '2025-01-01', 'USDXM') AS v;
GRANT SELECT ON pay TO PUBLIC;
SELECT is((SELECT (v ->> 'final_amount')::bigint FROM pay), (SELECT total_cents FROM hb), 'the payer transfers the consolidated total less one discount');
SELECT is((SELECT sum((l ->> 'discount_share_cents')::bigint)::bigint FROM pay, jsonb_array_elements(v -> 'lines') l),
          (SELECT usdxm_discount_cents FROM hb), 'the discount shares add up to the discount');
SELECT is((SELECT v ->> 'duplicate' FROM pay), 'false', 'first payment');
SELECT is(monay.process_group_payment((SELECT id FROM gg WHERE k = 'h'), '2025-01-01', 'USDXM') ->> 'duplicate', 'true',
          'paying again: the same response, nothing paid twice');
SELECT is((SELECT status FROM monay.group_bills WHERE group_id = (SELECT id FROM gg WHERE k = 'h')), 'paid', 'the group bill is paid');
SELECT throws_ok(format('SELECT monay.process_group_payment(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h'), '2024-06-01', 'USDXM'),
                 'MG020', NULL, 'a month without a consolidated bill: MG020');

-- the members see their own bill paid, and consolidated
SELECT tests.act_as('pgp_s1');
SELECT is((SELECT status FROM monay.billing_metrics WHERE tenant_id = tests.id('pgp_s1') AND period = '2025-01-01'), 'paid',
          'a member''s own bill is settled by the group payment');
SELECT is((SELECT payer_tenant_id FROM monay.group_bill_lines WHERE period = '2025-01-01'), tests.id('pgp_h'),
          'and shows as consolidated, paid by the holding');
SELECT is((SELECT count(*) FROM monay.group_bills), 0::bigint, 'a member does not see the group bill');

-- errors and isolation
SELECT tests.act_as('pgp_h2');
SELECT throws_ok(format('SELECT monay.process_group_payment(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h2'), '2025-01-01', 'USD'),
                 'MT405', NULL, 'fiat: MT405, nothing recorded');
SELECT tests.act_as('pgp_s1');
SELECT throws_ok(format('SELECT monay.process_group_payment(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h'), '2025-01-01', 'USDXM'),
                 '42501', NULL, 'a member cannot pay the group bill: 42501');
SELECT tests.act_as('pgp_x');
SELECT is((SELECT count(*) FROM monay.group_bills) + (SELECT count(*) FROM monay.group_bill_lines), 0::bigint,
          'another tenant sees no group bill and no line');

-- HOUSEHOLD_BILLING_AGGREGATION: off, households get no consolidated bill (February: only the household's bill is final)
SELECT tests.billing_finalize('pgp_fam', '2025-02-01');
SELECT tests.act_as_platform();
SELECT monay.set_setting('HOUSEHOLD_BILLING_AGGREGATION', 'false');
SELECT tests.as_superuser();
SELECT is(monay_private.group_billing_consolidate('2025-02-01'), 0, 'HOUSEHOLD_BILLING_AGGREGATION off: no household bill');
SELECT tests.act_as_platform();
SELECT monay.set_setting('HOUSEHOLD_BILLING_AGGREGATION', 'true');
SELECT tests.as_superuser();
SELECT is(monay_private.group_billing_consolidate('2025-02-01'), 1, 'on again: the household''s bill is made');

SELECT * FROM finish();
ROLLBACK;
