-- monay.aggregate_group_billing: one consolidated bill over the subtree, lines from each member's own bill,
-- the USDXM discount once on the total, the owner pays; errors and isolation.
BEGIN;
SELECT plan(14);

SELECT tests.billing_tenant('agb_h', 'enterprise');
SELECT tests.billing_tenant('agb_s1', 'small_business');
SELECT tests.billing_tenant('agb_s2', 'small_business');
SELECT tests.billing_tenant('agb_aff', 'small_business');
SELECT tests.billing_tenant('agb_x', 'small_business');
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('h', tests.groups_holding('agb_h', 'H'));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('agb_s1'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('agb_s2'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('agb_aff'), 'affiliate');
-- S2 also owns a group under H with S1 in it again: S1 is billed once.
INSERT INTO gg VALUES ('s2', tests.groups_holding('agb_s2', 'S2 group', (SELECT id FROM gg WHERE k = 'h')));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 's2'), tests.id('agb_s1'), 'subsidiary');

-- January 2025: each subsidiary 10,003 transfers (3 over: 6 cents), so 4906 each.
SELECT tests.act_as('agb_s1');
SELECT tests.billing_usage('agb_s1', '2025-01-01', '[{"operation_type": "transfer", "quantity": 10003}]');  -- counted in January 2025 (past months take usage only as late, issue 16)
SELECT tests.act_as('agb_s2');
SELECT tests.billing_usage('agb_s2', '2025-01-01', '[{"operation_type": "transfer", "quantity": 10003}]');  -- counted in January 2025 (past months take usage only as late, issue 16)

SELECT has_function('monay', 'aggregate_group_billing', ARRAY['uuid', 'date'], 'aggregate_group_billing exists');
SELECT is_definer('monay', 'aggregate_group_billing', ARRAY['uuid', 'date'], 'it is SECURITY DEFINER');

SELECT tests.act_as('agb_h');
CREATE TEMP TABLE b AS SELECT monay.aggregate_group_billing((SELECT id FROM gg WHERE k = 'h'), '2025-01-20') AS v;
GRANT SELECT ON b TO PUBLIC;
SELECT is((SELECT v ->> 'payer_tenant_id' FROM b), tests.id('agb_h')::text, 'the group''s owner pays');
SELECT is((SELECT v ->> 'period' FROM b), '2025-01-01', 'any day names its month');
SELECT is((SELECT array_agg(l ->> 'tenant_id' ORDER BY l ->> 'tenant_id') FROM b, jsonb_array_elements(v -> 'lines') l),
          ARRAY(SELECT x::text FROM unnest(ARRAY[tests.id('agb_h'), tests.id('agb_s1'), tests.id('agb_s2')]) x ORDER BY 1),
          'one line per member tenant of the subtree, each once; affiliates left out by default');
SELECT is((SELECT (l ->> 'total_before_discount_cents')::bigint FROM b, jsonb_array_elements(v -> 'lines') l
           WHERE l ->> 'tenant_id' = tests.id('agb_s1')::text), 4906::bigint, 'a line is the member''s own bill');
SELECT is((SELECT v -> 'totals' FROM b),
          '{"base_fee_cents": 59700, "overage_transactions_cents": 12, "overage_computation_units_cents": 0,
            "total_before_discount_cents": 59712, "usdxm_discount_cents": 5971, "total_cents": 53741,
            "separate_usdxm_discounts_cents": 5970}'::jsonb,
          'totals: 49900 + 4906 + 4906 = 59712, one discount floor(5971.2) = 5971 (separately 4990 + 490 + 490)');
SELECT is((SELECT (v #>> '{totals,total_before_discount_cents}')::bigint FROM b),
          (SELECT sum((monay.calculate_tenant_billing(t, '2025-01-01') #>> '{costs,total_before_discount_cents}')::bigint)::bigint
           FROM (VALUES (tests.id('agb_h'))) x (t)) + 4906 * 2, 'the consolidated total is the sum of the members'' bills');

-- include_affiliates
SELECT tests.as_superuser();
UPDATE monay.groups SET config = config || '{"include_affiliates": true}' WHERE id = (SELECT id FROM gg WHERE k = 'h');
SELECT tests.act_as('agb_h');
SELECT is((monay.aggregate_group_billing((SELECT id FROM gg WHERE k = 'h'), '2025-01-01') ->> 'members')::int, 4,
          'with include_affiliates the affiliate has a line');

-- errors and isolation
SELECT throws_ok(format('SELECT monay.aggregate_group_billing(%L, NULL)', (SELECT id FROM gg WHERE k = 'h')), '22023', NULL, 'NULL period: 22023');
SELECT tests.act_as('agb_s1');
SELECT throws_ok(format('SELECT monay.aggregate_group_billing(%L, %L)', (SELECT id FROM gg WHERE k = 'h'), '2025-01-01'),
                 '42501', NULL, 'a subsidiary sees its own bill, not the group''s: 42501');
SELECT is(monay.current_tenant_id(), tests.id('agb_s1'), 'the refused call left the context as it was');
SELECT tests.act_as('agb_x');
SELECT throws_ok(format('SELECT monay.aggregate_group_billing(%L, %L)', (SELECT id FROM gg WHERE k = 'h'), '2025-01-01'),
                 'MG001', NULL, 'another tenant: MG001');
SELECT tests.act_as_forger('agb_h');
SELECT throws_ok(format('SELECT monay.aggregate_group_billing(%L, %L)', (SELECT id FROM gg WHERE k = 'h'), '2025-01-01'),
                 'MG001', NULL, 'a forged context: MG001');

SELECT * FROM finish();
ROLLBACK;
