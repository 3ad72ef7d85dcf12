-- monay_private.groups_default_groups_batch: the legacy retrofit's default_groups step.
BEGIN;
SELECT plan(6);

SELECT tests.make_tenant('ggb_a');
SELECT tests.make_user('ggb_b');
SELECT tests.make_tenant('ggb_c');
SELECT tests.make_user('ggb_d');
SELECT tests.groups_card('ggb_b', tests.groups_wallet('ggb_a_owner'), '1111');
SELECT tests.groups_card('ggb_d', tests.groups_wallet('ggb_c_owner'), '2222', 1500);
UPDATE monay_private.legacy_steps SET rows_done = 0, batches = 0 WHERE direction = 'migrate' AND name = 'default_groups';

SELECT is_definer('monay_private', 'groups_default_groups_batch', ARRAY['integer'], 'it is SECURITY DEFINER');
-- as the legacy runner does: the migrating role, no context of its own
SELECT is(monay_private.groups_default_groups_batch(1), 1, 'a batch of one makes one household');
SELECT is(monay_private.groups_default_groups_batch(50000), 1, 'a large batch (capped at 1000) makes the other');
SELECT is(monay_private.groups_default_groups_batch(50000), 0, 'then 0: the runner moves on');
SELECT is((SELECT rows_done FROM monay_private.legacy_steps WHERE direction = 'migrate' AND name = 'default_groups'),
          2::bigint, 'the step counts its rows');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.groups_default_groups_batch(integer)', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.groups_default_groups_batch(integer)', 'EXECUTE'),
          'no application or platform role may run it');

SELECT * FROM finish();
ROLLBACK;
