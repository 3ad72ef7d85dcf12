-- The internal helpers of the groups domain: config validation, context switch and restore, personal
-- tenants, tree locks, the billed members, and the schema's shape (lookups, settings, policies, grants).
BEGIN;
SELECT plan(20);

SELECT tests.make_tenant('gh2_a');
SELECT tests.make_tenant('gh2_b');
SELECT tests.make_tenant('gh2_biz', 'small_business');
SELECT tests.add_member('gh2_biz', 'gh2_a_owner', 'owner');
SELECT tests.make_tenant('gh2_shared');
SELECT tests.add_member('gh2_shared', 'gh2_b_owner', 'owner');

SELECT is(monay_private.group_validate_config('household', NULL),
          '{"allowance_period": "month", "default_allowance_cents": 0, "consolidated_billing": true}'::jsonb, 'household defaults');
SELECT throws_ok($$ SELECT monay_private.group_validate_config('club', '{}') $$, 'MG003', NULL, 'an unknown kind: MG003');
SELECT throws_ok($$ SELECT monay_private.group_validate_config('household', '[]') $$, 'MG003', NULL, 'not an object: MG003');
SELECT throws_ok($$ SELECT monay_private.group_validate_config('household', '{"default_allowance_cents": -1}') $$, 'MG003', NULL,
                 'a negative allowance: MG003');

-- context switch and restore
SELECT tests.act_as('gh2_a');
SELECT tests.act_as_definer();
SELECT is(monay_private.group_tenant_status(tests.id('gh2_b')), 'active', 'another tenant''s status, read under its own context');
SELECT is(monay.current_tenant_id(), tests.id('gh2_a'), 'and the caller''s context is back');
SELECT is(monay.current_user_id(), tests.user_id('gh2_a_owner'), 'user included');
SELECT is(monay_private.group_tenant_status(gen_random_uuid()), NULL, 'an unknown tenant: NULL');
SELECT is(monay_private.group_personal_tenant(tests.user_id('gh2_a_owner')), tests.id('gh2_a'),
          'a user''s personal tenant: the individual tenant they alone own (not their business)');
SELECT is(monay_private.group_personal_tenant(tests.user_id('gh2_b_owner')), tests.id('gh2_b'),
          'a tenant with two owners is nobody''s personal tenant');
SELECT is(monay.current_tenant_id(), tests.id('gh2_a'), 'the context is back after the personal-tenant lookup');
SELECT throws_ok($$ SELECT monay_private.group_member_call(gen_random_uuid(), 'billing', '2025-01-01') $$, 'MT301', NULL,
                 'a failing member call raises');
SELECT is(monay.current_tenant_id(), tests.id('gh2_a'), 'and restores the context first');

-- tree locks
SELECT tests.as_superuser();
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('r', tests.groups_holding('gh2_biz', 'R'));
INSERT INTO gg VALUES ('c', tests.groups_holding('gh2_biz', 'C', (SELECT id FROM gg WHERE k = 'r')));
SELECT tests.act_as('gh2_biz');
SELECT tests.act_as_definer();
SELECT is(monay_private.group_lock_trees(ARRAY[(SELECT id FROM gg WHERE k = 'c')]), ARRAY[(SELECT id FROM gg WHERE k = 'r')],
          'a child''s tree is locked at its root');
SELECT ok((SELECT lock_version FROM monay_private.group_paths WHERE ancestor_id = (SELECT id FROM gg WHERE k = 'r')
           AND descendant_id = ancestor_id) > 0, 'and the root''s lock_version is bumped');
SELECT is((SELECT count(*) FROM monay_private.group_billed_members((SELECT id FROM gg WHERE k = 'r'))), 1::bigint,
          'the owner billed once over its two groups');

-- schema
SELECT tests.as_superuser();
SELECT results_eq($$ SELECT kind, member_type FROM monay.group_kinds ORDER BY kind $$,
                  $$ VALUES ('holding_company'::text, 'tenant'::text), ('household', 'user') $$, 'the group kinds');
SELECT is((SELECT count(*) FROM monay.group_member_roles), 7::bigint, 'seven roles');
SELECT results_eq($$ SELECT key, value FROM monay.settings WHERE key IN ('MAX_GROUP_MEMBERS', 'GROUP_HIERARCHY_DEPTH',
                      'HOUSEHOLD_BILLING_AGGREGATION', 'HOLDING_COMPANY_TREASURY') ORDER BY key $$,
                  $$ VALUES ('GROUP_HIERARCHY_DEPTH'::text, '5'::jsonb), ('HOLDING_COMPANY_TREASURY', 'true'),
                            ('HOUSEHOLD_BILLING_AGGREGATION', 'true'), ('MAX_GROUP_MEMBERS', '100') $$, 'the groups settings');
SELECT ok(NOT has_table_privilege('monay_app', 'monay.groups', 'INSERT, UPDATE, DELETE')
          AND NOT has_table_privilege('monay_app', 'monay.group_members', 'INSERT, UPDATE, DELETE')
          AND NOT has_table_privilege('monay_app', 'monay.treasury_access_grants', 'INSERT, UPDATE, DELETE'),
          'the application writes groups, members and grants only through functions');

SELECT * FROM finish();
ROLLBACK;
