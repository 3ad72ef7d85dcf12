-- monay.register_wallet_address: only public addresses, only in the tenant's own subtree, idempotent.
BEGIN;
SELECT plan(26);

SELECT tests.make_tenant('vreg_a');
SELECT tests.make_tenant('vreg_b');

SELECT has_function('monay', 'register_wallet_address', ARRAY['uuid', 'text', 'text', 'text'],
                    'register_wallet_address(uuid, text, text, text) exists');
SELECT is_definer('monay', 'register_wallet_address', ARRAY['uuid', 'text', 'text', 'text'],
                  'register_wallet_address is SECURITY DEFINER');

CREATE TEMP TABLE p ON COMMIT DROP AS
SELECT tests.vault_base('vreg_a') AS a, tests.vault_base('vreg_b') AS b;
GRANT SELECT ON p TO PUBLIC;

SELECT tests.act_as('vreg_a');
CREATE TEMP TABLE r ON COMMIT DROP AS
SELECT * FROM monay.register_wallet_address(tests.id('vreg_a'), (SELECT a FROM p) || '/0''/0''',
                                            tests.vault_address('vreg_a0'), 'treasury');
SELECT is((SELECT derivation_path FROM r), (SELECT a FROM p) || '/0''/0''', 'it stores the path');
SELECT is((SELECT address FROM r), tests.vault_address('vreg_a0'), 'the address');
SELECT is((SELECT purpose FROM r), 'treasury', 'the purpose');
SELECT is((SELECT (key_version, address_index)::text FROM r), '(0,0)', 'key version and index parsed from the path');
SELECT is((SELECT retired_at FROM r), NULL, 'not retired');
SELECT is((SELECT count(*) FROM monay.register_wallet_address(tests.id('vreg_a'), (SELECT a FROM p) || '/0''/0''',
                                                             tests.vault_address('vreg_a0'), 'treasury')),
          1::bigint, 'the same registration again returns the row (idempotent)');
SELECT is((SELECT count(*) FROM monay.wallet_addresses WHERE tenant_id = tests.id('vreg_a')), 1::bigint,
          'and stores nothing more');
SELECT is((monay.register_wallet_address(tests.id('vreg_a'), (SELECT a FROM p) || '/0''/1''',
                                         tests.vault_address('vreg_a1'))).purpose, 'deposit',
          'purpose defaults to deposit');

-- Each refusal, by SQLSTATE.
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('vreg_a'),
                        (SELECT b FROM p) || '/0''/0''', tests.vault_address('vreg_x1')),
                 'MV002', NULL, 'a path in another tenant''s account: MV002');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, 'm/44''/60''/0''/0''/0''', %L) $$,
                        tests.id('vreg_a'), tests.vault_address('vreg_x2')),
                 'MV002', NULL, 'another coin type (60, Ethereum): MV002');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('vreg_a'),
                        (SELECT a FROM p) || '/0''/0', tests.vault_address('vreg_x3')),
                 'MV003', NULL, 'a level that is not hardened: MV003');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('vreg_a'),
                        (SELECT a FROM p) || '/0''', tests.vault_address('vreg_x4')),
                 'MV003', NULL, 'not an address path (the version node itself): MV003');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('vreg_a'),
                        (SELECT a FROM p) || '/1''/0''', tests.vault_address('vreg_x5')),
                 'MV006', NULL, 'a key version other than the current one: MV006');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, 'not-base58-0OIl') $$, tests.id('vreg_a'),
                        (SELECT a FROM p) || '/0''/7'''),
                 'MV004', NULL, 'an address that is not base58: MV004');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('vreg_a'),
                        (SELECT a FROM p) || '/0''/7''', tests.base58(decode(repeat('ab', 31), 'hex'))),
                 'MV004', NULL, 'base58 of 31 bytes: MV004');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L, 'savings') $$, tests.id('vreg_a'),
                        (SELECT a FROM p) || '/0''/7''', tests.vault_address('vreg_x6')),
                 'MV008', NULL, 'an unknown purpose: MV008');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('vreg_a'),
                        (SELECT a FROM p) || '/0''/0''', tests.vault_address('vreg_other')),
                 'MV005', NULL, 'the path with another address: MV005');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('vreg_a'),
                        (SELECT a FROM p) || '/0''/9''', tests.vault_address('vreg_a0')),
                 'MV005', NULL, 'the address at another path: MV005');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L, 'deposit') $$, tests.id('vreg_a'),
                        (SELECT a FROM p) || '/0''/0''', tests.vault_address('vreg_a0')),
                 'MV005', NULL, 'the same path and address with another purpose: MV005');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, NULL, %L) $$, tests.id('vreg_a'),
                        tests.vault_address('vreg_x7')), '22023', NULL, 'a NULL path: 22023');
SELECT is((SELECT count(*) FROM monay.wallet_addresses WHERE tenant_id = tests.id('vreg_a')), 2::bigint,
          'no refusal stored anything');

SELECT tests.as_superuser();
UPDATE monay.settings SET value = 'false' WHERE key = 'HD_WALLET_ENABLED';
SELECT tests.act_as('vreg_a');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('vreg_a'),
                        (SELECT a FROM p) || '/0''/3''', tests.vault_address('vreg_a3')),
                 'MV001', NULL, 'HD_WALLET_ENABLED off: MV001');
SELECT tests.as_superuser();
UPDATE monay.settings SET value = 'true' WHERE key = 'HD_WALLET_ENABLED';
SELECT tests.act_as_platform();
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('vreg_none'),
                        (SELECT a FROM p) || '/0''/3''', tests.vault_address('vreg_a3')),
                 'MV007', NULL, 'a tenant that does not exist: MV007');
SELECT is((monay.register_wallet_address(tests.id('vreg_b'), (SELECT b FROM p) || '/0''/0''',
                                         tests.vault_address('vreg_b0'))).tenant_id, tests.id('vreg_b'),
          'the platform registers in any tenant''s own subtree');

SELECT * FROM finish();
ROLLBACK;
