-- monay.calculate_group_limits: combined allowances of the member tenants, household allowances, isolation.
BEGIN;
SELECT plan(8);

SELECT tests.make_tenant('cgl_h', 'enterprise', 'holding_company');
SELECT tests.make_tenant('cgl_s', 'small_business');
SELECT tests.make_tenant('cgl_fam');
SELECT tests.make_tenant('cgl_kid');
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('h', tests.groups_holding('cgl_h', 'H')), ('fam', tests.groups_household('cgl_fam', 'Fam'));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('cgl_s'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'fam'), tests.user_id('cgl_kid_owner'), 'child', 1500);
SELECT tests.act_as('cgl_s');
SELECT monay.track_operation(tests.id('cgl_s'), 'transfer', 40);

SELECT has_function('monay', 'calculate_group_limits', ARRAY['uuid', 'date'], 'calculate_group_limits exists');
SELECT tests.act_as('cgl_h');
CREATE TEMP TABLE l AS SELECT monay.calculate_group_limits((SELECT id FROM gg WHERE k = 'h')) AS v;
GRANT SELECT ON l TO PUBLIC;
SELECT is((SELECT v -> 'transactions' FROM l), '{"limit": 110000, "used": 40, "remaining": 109960}'::jsonb,
          'transactions: enterprise 100,000 + small_business 10,000 included, 40 used');
SELECT is((SELECT v #>> '{computation_units,limit}' FROM l), '1100000', 'computation units combined');
SELECT is((SELECT (v ->> 'members')::int FROM l), 2, 'one entry per member tenant');
SELECT tests.act_as('cgl_fam');
SELECT is(monay.calculate_group_limits((SELECT id FROM gg WHERE k = 'fam')) -> 'allowances',
          '{"total_cents": 1500, "members": 1}'::jsonb, 'a household''s spending allowances');
SELECT tests.act_as('cgl_s');
SELECT throws_ok(format('SELECT monay.calculate_group_limits(%L)', (SELECT id FROM gg WHERE k = 'h')),
                 '42501', NULL, 'a subsidiary cannot read the others'' figures: 42501');
SELECT tests.act_as('cgl_fam');
SELECT throws_ok(format('SELECT monay.calculate_group_limits(%L)', (SELECT id FROM gg WHERE k = 'h')),
                 'MG001', NULL, 'another tenant: MG001');
SELECT tests.act_as_nobody();
SELECT throws_ok(format('SELECT monay.calculate_group_limits(%L)', (SELECT id FROM gg WHERE k = 'h')),
                 'MG001', NULL, 'no context: MG001');

SELECT * FROM finish();
ROLLBACK;
