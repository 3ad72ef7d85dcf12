-- monay.remove_group_member: removal, idempotency, last manager, owners of subgroups, grants revoked, isolation.
BEGIN;
SELECT plan(10);

SELECT tests.make_tenant('rgm_h', 'enterprise', 'holding_company');
SELECT tests.make_tenant('rgm_s', 'small_business');
SELECT tests.make_tenant('rgm_t', 'small_business');
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('h', tests.groups_holding('rgm_h', 'H'));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('rgm_s'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('rgm_t'), 'subsidiary');
INSERT INTO gg VALUES ('t', tests.groups_holding('rgm_t', 'T group', (SELECT id FROM gg WHERE k = 'h')));
SELECT tests.groups_grant((SELECT id FROM gg WHERE k = 'h'), tests.groups_wallet('rgm_h_owner'), tests.id('rgm_s'), 'read');

SELECT has_function('monay', 'remove_group_member', ARRAY['uuid', 'uuid'], 'remove_group_member exists');
SELECT tests.act_as('rgm_s');
SELECT throws_ok(format('SELECT monay.remove_group_member(%L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('rgm_s')),
                 '42501', NULL, 'a subsidiary cannot remove itself or others: 42501');
SELECT tests.act_as('rgm_h');
SELECT is(monay.remove_group_member((SELECT id FROM gg WHERE k = 'h'), tests.id('rgm_s')), true, 'a member removed');
SELECT is((SELECT member_count FROM monay.groups WHERE id = (SELECT id FROM gg WHERE k = 'h')), 2::bigint, 'member_count follows');
SELECT isnt((SELECT revoked_at FROM monay.treasury_access_grants WHERE grantee_tenant_id = tests.id('rgm_s')), NULL,
            'its grants of the group are revoked');
SELECT is(monay.remove_group_member((SELECT id FROM gg WHERE k = 'h'), tests.id('rgm_s')), false, 'again: a no-op');
SELECT throws_ok(format('SELECT monay.remove_group_member(%L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('rgm_h')),
                 'MG010', NULL, 'the parent company (last manager): MG010');
SELECT throws_ok(format('SELECT monay.remove_group_member(%L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('rgm_t')),
                 'MG011', NULL, 'a tenant whose group hangs under this one: MG011');
SELECT throws_ok(format('SELECT monay.remove_group_member(%L, NULL)', (SELECT id FROM gg WHERE k = 'h')),
                 '22023', NULL, 'NULL member: 22023');
SELECT tests.act_as_nobody();
SELECT throws_ok(format('SELECT monay.remove_group_member(%L, %L)', (SELECT id FROM gg WHERE k = 'h'), tests.id('rgm_t')),
                 'MG001', NULL, 'no context: MG001');

SELECT * FROM finish();
ROLLBACK;
