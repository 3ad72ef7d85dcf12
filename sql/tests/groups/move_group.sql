-- monay.move_group: re-parenting, depth 6 refused, cycles refused, rules, idempotency, isolation;
-- and the creation path's depth check (a sixth level under a chain of five).
BEGIN;
SELECT plan(17);

SELECT tests.make_tenant('mg_h', 'enterprise', 'holding_company');
SELECT tests.make_tenant('mg_o', 'enterprise', 'holding_company');
SELECT tests.make_tenant('mg_s', 'small_business');

SELECT has_function('monay', 'move_group', ARRAY['uuid', 'uuid'], 'move_group exists');
SELECT is_definer('monay', 'move_group', ARRAY['uuid', 'uuid'], 'it is SECURITY DEFINER');

-- A chain of five owned by mg_h: l1 <- l2 <- l3 <- l4 <- l5; and two loose holdings.
CREATE TEMP TABLE lv (n int PRIMARY KEY, id uuid);
GRANT SELECT ON lv TO PUBLIC;
INSERT INTO lv VALUES (1, tests.groups_holding('mg_h', 'L1'));
INSERT INTO lv SELECT 2, tests.groups_holding('mg_h', 'L2', (SELECT id FROM lv WHERE n = 1));
INSERT INTO lv SELECT 3, tests.groups_holding('mg_h', 'L3', (SELECT id FROM lv WHERE n = 2));
INSERT INTO lv SELECT 4, tests.groups_holding('mg_h', 'L4', (SELECT id FROM lv WHERE n = 3));
INSERT INTO lv SELECT 5, tests.groups_holding('mg_h', 'L5', (SELECT id FROM lv WHERE n = 4));
INSERT INTO lv VALUES (10, tests.groups_holding('mg_h', 'Loose')), (11, tests.groups_holding('mg_h', 'Loose child'));
SELECT tests.act_as('mg_h');
SELECT is((SELECT max(depth) FROM monay.get_group_hierarchy((SELECT id FROM lv WHERE n = 1))), 5::bigint,
          'a chain of five is allowed (GROUP_HIERARCHY_DEPTH 5)');

SELECT throws_ok(format('SELECT monay.create_holding_company(%L, %L, NULL, %L)', 'L6', '{}', (SELECT id FROM lv WHERE n = 5)),
                 'MG004', NULL, 'creating a sixth level: MG004');
SELECT throws_ok(format('SELECT monay.move_group(%L, %L)', (SELECT id FROM lv WHERE n = 10), (SELECT id FROM lv WHERE n = 5)),
                 'MG004', NULL, 'moving a group to depth 6: MG004');
SELECT lives_ok(format('SELECT monay.move_group(%L, %L)', (SELECT id FROM lv WHERE n = 11), (SELECT id FROM lv WHERE n = 10)),
                'Loose child under Loose');
SELECT throws_ok(format('SELECT monay.move_group(%L, %L)', (SELECT id FROM lv WHERE n = 10), (SELECT id FROM lv WHERE n = 4)),
                 'MG004', NULL, 'a subtree of height 2 under depth 4 would reach 6: MG004');
SELECT lives_ok(format('SELECT monay.move_group(%L, %L)', (SELECT id FROM lv WHERE n = 10), (SELECT id FROM lv WHERE n = 3)),
                'the same subtree under depth 3 ends at depth 5');
SELECT is((SELECT depth FROM monay.get_group_hierarchy((SELECT id FROM lv WHERE n = 1)) WHERE name = 'Loose child'), 5::bigint,
          'the moved subtree''s depths follow');

-- cycles
SELECT throws_ok(format('SELECT monay.move_group(%L, %L)', (SELECT id FROM lv WHERE n = 2), (SELECT id FROM lv WHERE n = 4)),
                 'MG005', NULL, 'under its own descendant: MG005');
SELECT throws_ok(format('SELECT monay.move_group(%L, %L)', (SELECT id FROM lv WHERE n = 2), (SELECT id FROM lv WHERE n = 2)),
                 'MG005', NULL, 'under itself: MG005');

-- idempotent, detach
SELECT is((SELECT parent_id FROM monay.move_group((SELECT id FROM lv WHERE n = 3), (SELECT id FROM lv WHERE n = 2))),
          (SELECT id FROM lv WHERE n = 2), 'moving to the current parent is a no-op');
SELECT is((SELECT parent_id FROM monay.move_group((SELECT id FROM lv WHERE n = 10), NULL)), NULL::uuid, 'NULL makes it a root');
SELECT is((SELECT count(*) FROM monay.get_group_hierarchy((SELECT id FROM lv WHERE n = 10))), 2::bigint,
          'the detached root keeps its child and no ancestor');

-- rules and isolation
SELECT tests.as_superuser();
INSERT INTO lv VALUES (20, tests.groups_holding('mg_o', 'Other owner'));
SELECT tests.act_as('mg_h');
SELECT throws_ok(format('SELECT monay.move_group(%L, %L)', (SELECT id FROM lv WHERE n = 10), (SELECT id FROM lv WHERE n = 20)),
                 'MG001', NULL, 'under a group it cannot see: MG001');
SELECT tests.groups_add((SELECT id FROM lv WHERE n = 20), tests.id('mg_s'), 'subsidiary');
SELECT tests.act_as('mg_o');
SELECT throws_ok(format('SELECT monay.move_group(%L, NULL)', (SELECT id FROM lv WHERE n = 10)),
                 'MG001', NULL, 'another tenant''s group: MG001');
SELECT tests.act_as_nobody();
SELECT throws_ok(format('SELECT monay.move_group(%L, NULL)', (SELECT id FROM lv WHERE n = 10)),
                 'MG001', NULL, 'no context sees no group: MG001');

SELECT * FROM finish();
ROLLBACK;
