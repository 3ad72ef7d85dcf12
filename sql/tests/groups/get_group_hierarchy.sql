-- monay.get_group_hierarchy and the visibility of group records (docs/groups.md, "Visibility").
BEGIN;
SELECT plan(12);

SELECT tests.make_tenant('gh_h', 'enterprise', 'holding_company');
SELECT tests.make_tenant('gh_s1', 'small_business');
SELECT tests.make_tenant('gh_s2', 'small_business');
SELECT tests.make_tenant('gh_s1a', 'small_business');
SELECT tests.make_tenant('gh_x', 'small_business');

CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('root', tests.groups_holding('gh_h', 'Root'));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'root'), tests.id('gh_s1'), 'subsidiary');
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'root'), tests.id('gh_s2'), 'subsidiary');
INSERT INTO gg VALUES ('s1', tests.groups_holding('gh_s1', 'S1 group', (SELECT id FROM gg WHERE k = 'root')));
INSERT INTO gg VALUES ('s2', tests.groups_holding('gh_s2', 'S2 group', (SELECT id FROM gg WHERE k = 'root')));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 's1'), tests.id('gh_s1a'), 'subsidiary');

SELECT has_function('monay', 'get_group_hierarchy', ARRAY['uuid'], 'get_group_hierarchy exists');

SELECT tests.act_as('gh_h');
SELECT results_eq($$ SELECT name, relation, depth, distance FROM monay.get_group_hierarchy((SELECT id FROM gg WHERE k = 'root')) $$,
                  $$ VALUES ('Root'::text, 'self'::text, 1::bigint, 0::bigint), ('S1 group', 'descendant', 2, 1),
                            ('S2 group', 'descendant', 2, 1) $$,
                  'the root''s owner sees its whole subtree with depths');
SELECT is((SELECT count(*) FROM monay.groups), 3::bigint, 'the parent sees its subtree''s group records');
SELECT is((SELECT count(*) FROM monay.group_members WHERE tenant_id = tests.id('gh_s1')), 2::bigint,
          'and the members of its subtree''s groups');

SELECT tests.act_as('gh_s1');
SELECT results_eq($$ SELECT name, relation FROM monay.get_group_hierarchy((SELECT id FROM gg WHERE k = 's1')) $$,
                  $$ VALUES ('Root'::text, 'ancestor'::text), ('S1 group', 'self') $$,
                  'a subsidiary sees the parent it belongs to and its own group, not its sibling''s');
SELECT is((SELECT array_agg(name ORDER BY name) FROM monay.groups), ARRAY['Root', 'S1 group'], 'nor its sibling''s group record');
SELECT is((SELECT count(*) FROM monay.group_members WHERE tenant_id = tests.id('gh_h')), 1::bigint,
          'of the parent group it sees only its own member row');
SELECT throws_ok(format('SELECT * FROM monay.get_group_hierarchy(%L)', (SELECT id FROM gg WHERE k = 's2')),
                 'MG001', NULL, 'its sibling''s group: MG001');

SELECT tests.act_as('gh_s1a');
SELECT is((SELECT array_agg(name) FROM monay.groups), ARRAY['S1 group'], 'a member of a subgroup sees that group only');

SELECT tests.act_as('gh_x');
SELECT is((SELECT count(*) FROM monay.groups) + (SELECT count(*) FROM monay.group_members), 0::bigint,
          'another tenant sees no group and no member');
SELECT tests.act_as_nobody();
SELECT is((SELECT count(*) FROM monay.groups) + (SELECT count(*) FROM monay.group_members), 0::bigint, 'no context sees nothing');
SELECT tests.act_as_forger('gh_h');
SELECT is((SELECT count(*) FROM monay.groups) + (SELECT count(*) FROM monay.group_members), 0::bigint,
          'a forged context sees nothing');

SELECT * FROM finish();
ROLLBACK;
