-- monay.consolidate_group_bills: the monthly run's group step, for the platform.
BEGIN;
SELECT plan(7);

SELECT tests.billing_tenant('cgb_h', 'enterprise');
SELECT tests.billing_tenant('cgb_s', 'small_business');
CREATE TEMP TABLE gg (k text PRIMARY KEY, id uuid);
GRANT SELECT ON gg TO PUBLIC;
INSERT INTO gg VALUES ('h', tests.groups_holding('cgb_h', 'H'));
SELECT tests.groups_add((SELECT id FROM gg WHERE k = 'h'), tests.id('cgb_s'), 'subsidiary');
SELECT tests.billing_finalize('cgb_h', '2025-01-01');
SELECT tests.billing_finalize('cgb_s', '2025-01-01');

SELECT is_definer('monay', 'consolidate_group_bills', ARRAY['date'], 'it is SECURITY DEFINER');
SELECT tests.act_as_platform();
SELECT is(monay.consolidate_group_bills('2025-01-01'), 1, 'one consolidated bill for the holding');
SELECT is(monay.consolidate_group_bills('2025-01-15'), 0, 'idempotent (any day names its month)');
SELECT is((SELECT count(*) FROM monay.group_bill_lines WHERE period = '2025-01-01'), 2::bigint,
          'carrying both members'' bills');
SELECT throws_ok($$ SELECT monay.consolidate_group_bills(NULL) $$, '22023', NULL, 'a NULL period: 22023');
SELECT tests.act_as('cgb_h');
SELECT throws_ok($$ SELECT monay.consolidate_group_bills('2025-01-01') $$, '42501', NULL, 'the application may not');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT monay.consolidate_group_bills('2025-01-01') $$, '42501', NULL, 'nor anyone without a context');

SELECT * FROM finish();
ROLLBACK;
