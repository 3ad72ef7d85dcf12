-- monay.add_group_member: roles per kind, allowances, the 101st member refused, idempotency, errors, isolation;
-- and the validation trigger monay_private.group_members_validate on raw writes.
BEGIN;
SELECT plan(22);

SELECT tests.make_tenant('agm_h', 'enterprise', 'holding_company');
SELECT tests.make_tenant('agm_s', 'small_business');
SELECT tests.make_tenant('agm_fam');
SELECT tests.make_tenant('agm_kid');
SELECT tests.make_tenant('agm_x');
SELECT tests.make_tenant('agm_closed', 'free', NULL, 'closed');
SELECT tests.make_user('agm_gone', 'disabled');
SELECT tests.make_user('agm_nobody_tenant');

CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('h', tests.groups_holding('agm_h', 'H')),
                      ('fam', tests.groups_household('agm_fam', 'Fam', NULL, '{"default_allowance_cents": 700}'));

SELECT has_function('monay', 'add_group_member', ARRAY['uuid', 'uuid', 'text', 'bigint'], 'add_group_member exists');
SELECT is_definer('monay', 'add_group_member', ARRAY['uuid', 'uuid', 'text', 'bigint'], 'it is SECURITY DEFINER');

SELECT tests.act_as('agm_h');
SELECT is((SELECT member_tenant_id FROM monay.add_group_member((SELECT id FROM gg WHERE k = 'h'), tests.id('agm_s'), 'subsidiary')),
          tests.id('agm_s'), 'a tenant joins a holding as subsidiary');
SELECT is((SELECT member_count FROM monay.groups WHERE id = (SELECT id FROM gg WHERE k = 'h')), 2::bigint, 'member_count follows');
SELECT is((SELECT id FROM monay.add_group_member((SELECT id FROM gg WHERE k = 'h'), tests.id('agm_s'), 'subsidiary')),
          (SELECT id FROM monay.group_members WHERE member_tenant_id = tests.id('agm_s')), 'the same addition again returns the same row');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('agm_s'), 'affiliate'),
                 'MG007', NULL, 'the same member with another role: MG007');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('agm_x'), 'child'),
                 'MG002', NULL, 'a household role in a holding: MG002');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('agm_x'), 'parent'),
                 'MG002', NULL, 'another tenant as the parent: MG002 (trigger)');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('agm_closed'), 'subsidiary'),
                 'MG008', NULL, 'a closed tenant: MG008');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.user_id('agm_x_owner'), 'subsidiary'),
                 'MG008', NULL, 'a user id in a holding is no tenant: MG008');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L, 5)', (SELECT id FROM gg WHERE k = 'h'), tests.id('agm_x'), 'subsidiary'),
                 'MG018', NULL, 'an allowance for a subsidiary: MG018');

SELECT tests.act_as('agm_fam');
SELECT is((SELECT allowance_cents FROM monay.add_group_member((SELECT id FROM gg WHERE k = 'fam'), tests.user_id('agm_kid_owner'), 'child')),
          700::bigint, 'a child gets the household''s default allowance');
SELECT is((SELECT member_tenant_id FROM monay.group_members WHERE member_user_id = tests.user_id('agm_kid_owner')),
          tests.id('agm_kid'), 'and its personal tenant is its bill''s line');
SELECT is((SELECT member_tenant_id FROM monay.add_group_member((SELECT id FROM gg WHERE k = 'fam'), tests.user_id('agm_nobody_tenant'), 'adult')),
          NULL::uuid, 'a member without a personal tenant has no line');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'fam'), tests.user_id('agm_gone'), 'adult'),
                 'MG008', NULL, 'a disabled user: MG008');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L, -1)', (SELECT id FROM gg WHERE k = 'fam'), tests.user_id('agm_x_owner'), 'child'),
                 'MG018', NULL, 'a negative allowance: MG018');

-- raw writes meet the trigger (as the owner, with the household owner's context)
SELECT tests.act_as_definer();
SELECT throws_ok(format($$INSERT INTO monay.group_members (tenant_id, group_id, group_kind, role, member_tenant_id)
                          VALUES (%L, %L, 'household', 'adult', %L)$$, tests.id('agm_fam'), (SELECT id FROM gg WHERE k = 'fam'), tests.id('agm_x')),
                 'MG009', NULL, 'a tenant without a user in a household: MG009 (trigger)');

-- the 101st member
SELECT tests.as_superuser();
DO $$
DECLARE i int;
BEGIN
    FOR i IN 1..98 LOOP
        PERFORM tests.make_tenant('agm_m' || i, 'free');
        PERFORM tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('agm_m' || i), 'affiliate');
    END LOOP;
END $$;
SELECT tests.act_as('agm_h');
SELECT is((SELECT member_count FROM monay.groups WHERE id = (SELECT id FROM gg WHERE k = 'h')), 100::bigint, 'a hundred members');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('agm_x'), 'subsidiary'),
                 'MG006', NULL, 'the 101st member: MG006');

-- isolation
SELECT tests.act_as('agm_s');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('agm_x'), 'subsidiary'),
                 '42501', NULL, 'a subsidiary cannot add members: 42501');
SELECT tests.act_as('agm_x');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('agm_x'), 'subsidiary'),
                 'MG001', NULL, 'another tenant cannot even see the group: MG001');
SELECT tests.act_as_forger('agm_h');
SELECT throws_ok(format('SELECT monay.add_group_member(%L, %L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('agm_x'), 'subsidiary'),
                 'MG001', NULL, 'a forged context sees no group: MG001');

SELECT * FROM finish();
ROLLBACK;
