-- monay.create_household_group: head, personal tenant line, config, idempotency, errors, isolation.
BEGIN;
SELECT plan(12);

SELECT tests.make_tenant('chg_a');
SELECT tests.make_tenant('chg_b');
SELECT tests.add_member('chg_a', 'chg_a_member', 'member');
SELECT tests.make_user('chg_off', 'disabled');

SELECT has_function('monay', 'create_household_group', ARRAY['text', 'jsonb', 'uuid', 'uuid', 'text'], 'create_household_group exists');
SELECT is_definer('monay', 'create_household_group', ARRAY['text', 'jsonb', 'uuid', 'uuid', 'text'], 'it is SECURITY DEFINER');

SELECT tests.act_as('chg_a');
CREATE TEMP TABLE g AS SELECT * FROM monay.create_household_group('The As', '{"default_allowance_cents": 250}', NULL, NULL, 'fam-1');
SELECT is((SELECT kind || '/' || tenant_id FROM g), 'household/' || tests.id('chg_a'), 'a household owned by the context''s tenant');
SELECT is((SELECT config FROM g), '{"allowance_period": "month", "default_allowance_cents": 250, "consolidated_billing": true}'::jsonb,
          'configuration validated, defaults filled');
SELECT is((SELECT role || '/' || member_user_id || '/' || member_tenant_id FROM monay.group_members WHERE group_id = (SELECT id FROM g)),
          'head/' || tests.user_id('chg_a_owner') || '/' || tests.id('chg_a'), 'the user is its head; its line is their personal tenant');
SELECT is((SELECT id FROM monay.create_household_group('The As', '{"default_allowance_cents": 250}', NULL, NULL, 'fam-1')),
          (SELECT id FROM g), 'idempotent with its key');
SELECT throws_ok($$ SELECT monay.create_household_group('The As', '{"allowance_period": "year"}') $$, 'MG003', NULL,
                 'an unknown allowance period: MG003');
SELECT throws_ok($$ SELECT monay.create_household_group('The As', '{"default_allowance_cents": 1.5}') $$, 'MG003', NULL,
                 'a fractional allowance: MG003');
SELECT tests.act_as_platform();
SELECT throws_ok(format('SELECT monay.create_household_group(%L, %L, %L, %L)', 'Off', '{}', tests.id('chg_a'), tests.user_id('chg_off')),
                 'MG008', NULL, 'a disabled head: MG008');
SELECT throws_ok(format('SELECT monay.create_household_group(%L, %L, %L)', 'No head', '{}', tests.id('chg_a')),
                 '22023', NULL, 'the platform must name the head: 22023');
SELECT tests.act_as('chg_a', 'chg_a_member');
SELECT throws_ok($$ SELECT monay.create_household_group('By a member') $$, '42501', NULL, 'a plain member of the tenant: 42501');
SELECT tests.act_as('chg_b');
SELECT throws_ok(format('SELECT monay.create_household_group(%L, %L, %L)', 'For A', '{}', tests.id('chg_a')),
                 '42501', NULL, 'for another tenant: 42501');

SELECT * FROM finish();
ROLLBACK;
