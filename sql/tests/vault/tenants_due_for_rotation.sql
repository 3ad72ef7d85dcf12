-- monay.tenants_due_for_rotation: vaults older than KEY_ROTATION_INTERVAL, platform only.
BEGIN;
SELECT plan(9);

SELECT tests.make_tenant('vdue_old');
SELECT tests.make_tenant('vdue_older');
SELECT tests.make_tenant('vdue_fresh');
SELECT tests.make_tenant('vdue_closed');
UPDATE monay.tenant_vaults SET rotated_at = now() - interval '91 days' WHERE tenant_id = tests.id('vdue_old');
UPDATE monay.tenant_vaults SET rotated_at = now() - interval '400 days' WHERE tenant_id = tests.id('vdue_older');
UPDATE monay.tenant_vaults SET rotated_at = now() - interval '89 days' WHERE tenant_id = tests.id('vdue_fresh');
UPDATE monay.tenant_vaults SET rotated_at = now() - interval '400 days' WHERE tenant_id = tests.id('vdue_closed');
UPDATE monay.tenants SET status = 'closed', purge_after = now() + interval '1 day' WHERE id = tests.id('vdue_closed');

SELECT has_function('monay', 'tenants_due_for_rotation', ARRAY['integer'], 'tenants_due_for_rotation(integer) exists');

SELECT tests.act_as_platform();
CREATE TEMP TABLE due ON COMMIT DROP AS
SELECT * FROM monay.tenants_due_for_rotation(100000)
WHERE tenant_id IN (tests.id('vdue_old'), tests.id('vdue_older'), tests.id('vdue_fresh'), tests.id('vdue_closed'));
SELECT is(array(SELECT tenant_id FROM due ORDER BY rotated_at), ARRAY[tests.id('vdue_older'), tests.id('vdue_old')],
          'older than 90 days, oldest first; not the fresh one, not the closed one');
SELECT is((SELECT due_at FROM due WHERE tenant_id = tests.id('vdue_old')), now() - interval '1 day',
          'due_at = rotated_at + KEY_ROTATION_INTERVAL');
SELECT is((SELECT count(*) FROM monay.tenants_due_for_rotation(1)), 1::bigint, 'p_limit caps the list');
SELECT monay.rotate_tenant_keys(d.tenant_id, d.key_version::integer) FROM due d;
SELECT is((SELECT count(*) FROM monay.tenants_due_for_rotation(100000)
           WHERE tenant_id IN (tests.id('vdue_old'), tests.id('vdue_older'))), 0::bigint,
          'after the job rotated them they are no longer due');
SELECT tests.as_superuser();
UPDATE monay.settings SET value = '"60 days"' WHERE key = 'KEY_ROTATION_INTERVAL';
SELECT tests.act_as_platform();
SELECT is((SELECT count(*) FROM monay.tenants_due_for_rotation(100000) WHERE tenant_id = tests.id('vdue_fresh')),
          1::bigint, 'the interval is the setting (60 days: the 89-day-old vault is due)');
SELECT throws_ok($$ SELECT * FROM monay.tenants_due_for_rotation(0) $$, '22023', NULL, 'p_limit 0: 22023');
SELECT tests.act_as('vdue_old');
SELECT throws_ok($$ SELECT * FROM monay.tenants_due_for_rotation() $$, '42501', NULL,
                 'a tenant context may not list other tenants: 42501');
SELECT tests.act_as_forger('vdue_old', true);
SELECT throws_ok($$ SELECT * FROM monay.tenants_due_for_rotation() $$, '42501', NULL,
                 'a forged platform flag opens nothing: 42501');

SELECT * FROM finish();
ROLLBACK;
