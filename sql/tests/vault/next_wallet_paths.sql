-- monay.next_wallet_paths: the next unregistered paths of the current key version.
BEGIN;
SELECT plan(10);

SELECT tests.make_tenant('vnp_a');
SELECT tests.make_tenant('vnp_b');

SELECT has_function('monay', 'next_wallet_paths', ARRAY['uuid', 'integer'], 'next_wallet_paths(uuid, integer) exists');
SELECT is_definer('monay', 'next_wallet_paths', ARRAY['uuid', 'integer'], 'next_wallet_paths is SECURITY DEFINER');

SELECT tests.act_as('vnp_a');
SELECT is(array(SELECT derivation_path FROM monay.next_wallet_paths(tests.id('vnp_a'), 3)),
          ARRAY[tests.vault_base('vnp_a') || '/0''/0''', tests.vault_base('vnp_a') || '/0''/1''',
                tests.vault_base('vnp_a') || '/0''/2'''],
          'a fresh vault: indexes 0, 1, 2 of key version 0');
SELECT monay.register_wallet_address(tests.id('vnp_a'), tests.vault_base('vnp_a') || '/0''/0''',
                                     tests.vault_address('vnp_a0'));
SELECT monay.register_wallet_address(tests.id('vnp_a'), tests.vault_base('vnp_a') || '/0''/4''',
                                     tests.vault_address('vnp_a4'));
SELECT is((SELECT address_index FROM monay.next_wallet_paths(tests.id('vnp_a'))), 5::bigint,
          'after the highest registered index (gaps are not refilled)');
SELECT monay.rotate_tenant_keys(tests.id('vnp_a'));
SELECT is((SELECT derivation_path FROM monay.next_wallet_paths(tests.id('vnp_a'))),
          tests.vault_base('vnp_a') || '/1''/0''', 'after a rotation: index 0 of key version 1');
SELECT throws_ok($$ SELECT * FROM monay.next_wallet_paths(tests.id('vnp_a'), 0) $$, '22023', NULL, 'count 0: 22023');
SELECT throws_ok($$ SELECT * FROM monay.next_wallet_paths(tests.id('vnp_a'), 1001) $$, '22023', NULL,
                 'count 1001: 22023');
SELECT throws_ok($$ SELECT * FROM monay.next_wallet_paths(tests.id('vnp_b')) $$, '42501', NULL,
                 'another tenant''s paths: 42501');
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT * FROM monay.next_wallet_paths(tests.id('vnp_none')) $$, 'MV007', NULL,
                 'no such tenant: MV007');
SELECT tests.as_superuser();
UPDATE monay.settings SET value = 'false' WHERE key = 'HD_WALLET_ENABLED';
SELECT tests.act_as_platform();
SELECT throws_ok($$ SELECT * FROM monay.next_wallet_paths(tests.id('vnp_b')) $$, 'MV001', NULL,
                 'HD_WALLET_ENABLED off: MV001');

SELECT * FROM finish();
ROLLBACK;
