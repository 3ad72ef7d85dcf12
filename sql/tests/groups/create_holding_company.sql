-- monay.create_holding_company: owner, parent member, config, parent, depth, idempotency, errors, isolation.
BEGIN;
SELECT plan(20);

SELECT tests.make_tenant('chc_h', 'enterprise', 'holding_company');
SELECT tests.make_tenant('chc_s', 'small_business');
SELECT tests.make_tenant('chc_x', 'small_business');
SELECT tests.add_member('chc_h', 'chc_h_viewer', 'viewer');

SELECT has_function('monay', 'create_holding_company', ARRAY['text', 'jsonb', 'uuid', 'uuid', 'text'], 'create_holding_company exists');
SELECT is_definer('monay', 'create_holding_company', ARRAY['text', 'jsonb', 'uuid', 'uuid', 'text'], 'it is SECURITY DEFINER');

SELECT tests.act_as('chc_h');
CREATE TEMP TABLE g AS SELECT * FROM monay.create_holding_company('Holding', '{"include_affiliates": true}');
GRANT SELECT ON g TO PUBLIC;
SELECT is((SELECT tenant_id FROM g), tests.id('chc_h'), 'owned by the context''s tenant');
SELECT is((SELECT config FROM g), '{"consolidated_billing": true, "include_affiliates": true}'::jsonb,
          'configuration validated, defaults filled');
SELECT is((SELECT member_tenant_id || '/' || role FROM monay.group_members WHERE group_id = (SELECT id FROM g)),
          tests.id('chc_h') || '/parent', 'the owner is its first member, role parent');
SELECT is((SELECT member_count FROM monay.groups WHERE id = (SELECT id FROM g)), 1::bigint, 'member_count 1');

-- idempotency
SELECT is((SELECT id FROM monay.create_holding_company('Keyed', '{}', NULL, NULL, 'k1')),
          (SELECT id FROM monay.create_holding_company('Keyed', '{}', NULL, NULL, 'k1')), 'the same key returns the same group');
SELECT throws_ok($$ SELECT monay.create_holding_company('Other name', '{}', NULL, NULL, 'k1') $$,
                 'MG019', NULL, 'the key reused with another name: MG019');

-- errors
SELECT throws_ok($$ SELECT monay.create_holding_company('Bad', '{"colour": "red"}') $$, 'MG003', NULL, 'unknown config key: MG003');
SELECT throws_ok($$ SELECT monay.create_holding_company('Bad', '{"include_affiliates": "yes"}') $$, 'MG003', NULL, 'wrong config type: MG003');
SELECT throws_ok($$ SELECT monay.create_holding_company('  ') $$, '22023', NULL, 'blank name: 22023');
SELECT throws_ok(format('SELECT monay.create_holding_company(%L, %L, NULL, %L)', 'Child', '{}', gen_random_uuid()),
                 'MG001', NULL, 'unknown parent: MG001');
SELECT throws_ok(format('SELECT monay.create_holding_company(%L, %L, %L)', 'X', '{}', tests.id('chc_x')),
                 '42501', NULL, 'for another tenant: 42501');

-- a subsidiary's holding under its parent's: only once it is a member
SELECT tests.act_as('chc_s');
SELECT throws_ok(format('SELECT monay.create_holding_company(%L, %L, NULL, %L)', 'Sub', '{}', (SELECT id FROM g)),
                 'MG001', NULL, 'a parent it cannot see: MG001');
SELECT tests.groups_add((SELECT id FROM g), tests.id('chc_s'), 'subsidiary');
SELECT tests.act_as('chc_s');
SELECT is((SELECT parent_id FROM monay.create_holding_company('Sub', '{}', NULL, (SELECT id FROM g))), (SELECT id FROM g),
          'a member tenant puts its own holding under the parent');

-- household parents and viewers
SELECT tests.act_as('chc_x');
SELECT tests.groups_add((SELECT id FROM g), tests.id('chc_x'), 'affiliate');
SELECT tests.groups_household('chc_x', 'X family');
SELECT tests.act_as('chc_x');
SELECT throws_ok(format('SELECT monay.create_holding_company(%L, %L, NULL, %L)', 'Under a household', '{}',
                        (SELECT id FROM monay.groups WHERE name = 'X family')), 'MG011', NULL, 'a household is no parent: MG011');
SELECT tests.act_as('chc_h', 'chc_h_viewer');
SELECT throws_ok($$ SELECT monay.create_holding_company('By a viewer') $$, '42501', NULL, 'a viewer of the tenant: 42501');
SELECT tests.act_as_nobody();
SELECT throws_ok(format('SELECT monay.create_holding_company(%L, %L, %L)', 'X', '{}', tests.id('chc_h')),
                 '42501', NULL, 'no context: 42501');
SELECT tests.act_as_forger('chc_h');
SELECT throws_ok($$ SELECT monay.create_holding_company('X') $$, '22023', NULL, 'a forged context is no tenant context: 22023');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT monay.create_holding_company('X') $$, '22023', NULL, 'the platform must name the tenant: 22023');

SELECT * FROM finish();
ROLLBACK;
