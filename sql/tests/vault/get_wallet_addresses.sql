-- monay.get_wallet_addresses: every registered address of the tenant, retired ones too.
BEGIN;
SELECT plan(8);

SELECT tests.make_tenant('vga_a');
SELECT tests.make_tenant('vga_b');

SELECT has_function('monay', 'get_wallet_addresses', ARRAY['uuid'], 'get_wallet_addresses(uuid) exists');
SELECT is_definer('monay', 'get_wallet_addresses', ARRAY['uuid'], 'get_wallet_addresses is SECURITY DEFINER');

SELECT tests.act_as('vga_a');
SELECT monay.register_wallet_address(tests.id('vga_a'), p.path, tests.vault_address('vga_a' || p.path))
FROM monay.next_wallet_paths(tests.id('vga_a'), 2) AS p (path, v, i);
SELECT monay.rotate_tenant_keys(tests.id('vga_a'));
SELECT monay.register_wallet_address(tests.id('vga_a'), p.path, tests.vault_address('vga_a' || p.path))
FROM monay.next_wallet_paths(tests.id('vga_a'), 1) AS p (path, v, i);
SELECT is(array(SELECT (key_version || '/' || address_index || '/' || (retired_at IS NOT NULL))
                FROM monay.get_wallet_addresses(tests.id('vga_a'))),
          ARRAY['0/0/true', '0/1/true', '1/0/false'],
          'in key version and index order, retired ones included and marked');
SELECT throws_ok($$ SELECT * FROM monay.get_wallet_addresses(tests.id('vga_b')) $$, '42501', NULL,
                 'another tenant''s addresses: 42501');
SELECT throws_ok($$ SELECT * FROM monay.get_wallet_addresses(NULL) $$, '22023', NULL, 'NULL tenant: 22023');

SELECT tests.as_superuser();
UPDATE monay.settings SET value = 'false' WHERE key = 'HD_WALLET_ENABLED';
SELECT tests.act_as('vga_a');
SELECT is((SELECT count(*) FROM monay.get_wallet_addresses(tests.id('vga_a'))), 3::bigint,
          'readable while HD_WALLET_ENABLED is off (recovery still works)');
SELECT tests.act_as_platform();
SELECT is((SELECT count(*) FROM monay.get_wallet_addresses(tests.id('vga_b'))), 0::bigint,
          'the platform reads any tenant (b has none)');
SELECT tests.act_as_nobody();
SELECT throws_ok($$ SELECT * FROM monay.get_wallet_addresses(tests.id('vga_a')) $$, '42501', NULL,
                 'no context: 42501');

SELECT * FROM finish();
ROLLBACK;
