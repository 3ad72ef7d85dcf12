-- The groups domain's internal checks, each on its own: group_find (MG001, 22023),
-- group_require_manager (42501), group_check_placement (MG005 cycle, MG004 depth),
-- group_check_parent (MG011), group_context_switch (signs another context and gives the previous one back).
BEGIN;
SELECT plan(11);

SELECT tests.make_tenant('gic_h', 'enterprise');
SELECT tests.make_tenant('gic_x');
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('g1', tests.groups_holding('gic_h', 'G1'));
INSERT INTO gg VALUES ('g2', tests.groups_holding('gic_h', 'G2', (SELECT id FROM gg WHERE k = 'g1')));
INSERT INTO gg VALUES ('g3', tests.groups_holding('gic_h', 'G3', (SELECT id FROM gg WHERE k = 'g2')));
INSERT INTO gg VALUES ('g4', tests.groups_holding('gic_h', 'G4', (SELECT id FROM gg WHERE k = 'g3')));
INSERT INTO gg VALUES ('g5', tests.groups_holding('gic_h', 'G5', (SELECT id FROM gg WHERE k = 'g4')));
INSERT INTO gg VALUES ('other', tests.groups_holding('gic_h', 'Other'));

SELECT tests.act_as('gic_h');
SELECT tests.act_as_definer();
SELECT is((monay_private.group_find((SELECT id FROM gg WHERE k = 'g1'), 'test')).name, 'G1', 'group_find: the owner finds it');
SELECT throws_ok($$ SELECT monay_private.group_find(gen_random_uuid(), 'test') $$, 'MG001', NULL, 'group_find: unknown: MG001');
SELECT throws_ok($$ SELECT monay_private.group_find(NULL, 'test') $$, '22023', NULL, 'group_find: NULL: 22023');
SELECT lives_ok($$ SELECT monay_private.group_require_manager(monay_private.group_find((SELECT id FROM gg WHERE k = 'g1'), 't'), 't') $$,
                'group_require_manager: the owner of the owning tenant manages it');
SELECT throws_ok(format('SELECT monay_private.group_check_placement(%L, %L, %L)',
                        (SELECT id FROM gg WHERE k = 'g1'), (SELECT id FROM gg WHERE k = 'g3'), 'test'),
                 'MG005', NULL, 'group_check_placement: under its own descendant: a cycle (MG005)');
SELECT throws_ok(format('SELECT monay_private.group_check_placement(%L, %L, %L)',
                        (SELECT id FROM gg WHERE k = 'other'), (SELECT id FROM gg WHERE k = 'g5'), 'test'),
                 'MG004', NULL, 'group_check_placement: a sixth level: MG004');
SELECT lives_ok(format('SELECT monay_private.group_check_placement(%L, %L, %L)',
                       (SELECT id FROM gg WHERE k = 'other'), (SELECT id FROM gg WHERE k = 'g1'), 'test'),
                'group_check_placement: a second level is fine');

SELECT throws_ok(format('SELECT monay_private.group_check_parent(%L, %L, monay_private.group_find(%L, %L), %L)',
                        'household', tests.id('gic_h'), (SELECT id FROM gg WHERE k = 'g1'), 't', 'test'),
                 'MG011', NULL, 'group_check_parent: a household does not nest under a holding (MG011)');

CREATE TEMP TABLE prev ON COMMIT DROP AS
SELECT monay_private.group_context_switch(tests.id('gic_x'), NULL, false) AS v;
SELECT is(monay.current_tenant_id(), tests.id('gic_x'), 'group_context_switch: the other tenant''s context, signed');
SELECT is((SELECT v ->> 'tenant_id' FROM prev), tests.id('gic_h')::text, 'it returns the previous context');
SELECT monay_private.group_context_switch((SELECT (v ->> 'tenant_id')::uuid FROM prev),
                                          (SELECT (v ->> 'user_id')::uuid FROM prev), false);
SELECT is(monay.current_tenant_id(), tests.id('gic_h'), 'given back, it restores the caller''s context');

SELECT * FROM finish();
ROLLBACK;
