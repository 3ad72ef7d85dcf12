-- monay.get_wallet_path: the full hardened path of an address in the tenant's own subtree.
BEGIN;
SELECT plan(13);

SELECT tests.make_tenant('vgp_a');
SELECT tests.make_tenant('vgp_b');
SELECT tests.make_tenant('vgp_c');
SELECT tests.add_member('vgp_a', 'vgp_a_viewer', 'viewer');

SELECT has_function('monay', 'get_wallet_path', ARRAY['uuid', 'integer'], 'get_wallet_path(uuid, integer) exists');
SELECT is_definer('monay', 'get_wallet_path', ARRAY['uuid', 'integer'], 'get_wallet_path is SECURITY DEFINER');
SELECT volatility_is('monay', 'get_wallet_path', ARRAY['uuid', 'integer'], 'stable', 'get_wallet_path is STABLE');

SELECT tests.act_as('vgp_a');
SELECT is(monay.get_wallet_path(tests.id('vgp_a')), tests.vault_base('vgp_a') || '/0''/0''',
          'index 0 by default: <base>/0''/0''');
SELECT is(monay.get_wallet_path(tests.id('vgp_a'), 42), tests.vault_base('vgp_a') || '/0''/42''',
          'index 42 under key version 0');
SELECT ok(monay.get_wallet_path(tests.id('vgp_a')) ~ '^m/44''/501''/[0-9]+''/0''/0''$',
          'under WALLET_DERIVATION_PATH m/44''/501'', hardened at every level');
SELECT tests.act_as('vgp_a', 'vgp_a_viewer');
SELECT is(monay.get_wallet_path(tests.id('vgp_a'), 1), tests.vault_base('vgp_a') || '/0''/1''',
          'any member may ask for a path');
SELECT throws_ok($$ SELECT monay.get_wallet_path(tests.id('vgp_a'), -1) $$, '22023', NULL, 'a negative index: 22023');
SELECT throws_ok($$ SELECT monay.get_wallet_path(NULL) $$, '22023', NULL, 'NULL tenant: 22023');
SELECT throws_ok($$ SELECT monay.get_wallet_path(tests.id('vgp_b')) $$, '42501', NULL,
                 'another tenant''s path: 42501');

-- The platform (any tenant), MV007, MV001.
SELECT tests.act_as_platform();
SELECT is(monay.get_wallet_path(tests.id('vgp_c'), 5), tests.vault_base('vgp_c') || '/0''/5''',
          'the platform gets any tenant''s path');
SELECT throws_ok($$ SELECT monay.get_wallet_path(tests.id('vgp_none')) $$, 'MV007', NULL,
                 'a tenant that does not exist: MV007');
SELECT tests.as_superuser();
UPDATE monay.settings SET value = 'false' WHERE key = 'HD_WALLET_ENABLED';
SELECT tests.act_as('vgp_a');
SELECT throws_ok($$ SELECT monay.get_wallet_path(tests.id('vgp_a')) $$, 'MV001', NULL,
                 'HD_WALLET_ENABLED off: MV001');

SELECT * FROM finish();
ROLLBACK;
