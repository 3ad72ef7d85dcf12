-- Vault isolation: tenant A can neither register in nor read B's subtree;
-- no context sees nothing; a forged context opens nothing.
BEGIN;
SELECT plan(16);

SELECT tests.make_tenant('viso_a');
SELECT tests.make_tenant('viso_b');
INSERT INTO monay.wallet_addresses (tenant_id, derivation_path, key_version, address_index, address, purpose)
VALUES (tests.id('viso_b'), tests.vault_base('viso_b') || '/0''/0''', 0, 0, tests.vault_address('viso_b0'), 'deposit');
CREATE TEMP TABLE p ON COMMIT DROP AS
SELECT tests.vault_base('viso_a') AS a, tests.vault_base('viso_b') AS b;
GRANT SELECT ON p TO PUBLIC;

SELECT tests.act_as('viso_a');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('viso_b'),
                        (SELECT b FROM p) || '/0''/1''', tests.vault_address('viso_x')),
                 '42501', NULL, 'A cannot register in B''s vault (42501)');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('viso_a'),
                        (SELECT b FROM p) || '/0''/1''', tests.vault_address('viso_y')),
                 'MV002', NULL, 'A cannot register a path of B''s subtree as its own (MV002)');
SELECT is((SELECT count(*) FROM monay.tenant_vaults WHERE tenant_id = tests.id('viso_b')), 0::bigint,
          'A does not see B''s vault row');
SELECT is((SELECT count(*) FROM monay.wallet_addresses WHERE tenant_id = tests.id('viso_b')), 0::bigint,
          'A does not see B''s addresses');
SELECT is((SELECT count(*) FROM monay.tenant_vaults), 1::bigint, 'A sees exactly one vault: its own');
SELECT throws_ok($$ SELECT * FROM monay.get_wallet_addresses(tests.id('viso_b')) $$, '42501', NULL,
                 'A cannot list B''s addresses (42501)');
SELECT throws_ok($$ SELECT monay.get_wallet_path(tests.id('viso_b')) $$, '42501', NULL,
                 'A cannot ask for a path in B''s subtree (42501)');
SELECT throws_ok($$ SELECT monay.rotate_tenant_keys(tests.id('viso_b')) $$, '42501', NULL,
                 'A cannot rotate B''s keys (42501)');
SELECT throws_ok($$ INSERT INTO monay.wallet_addresses (tenant_id, derivation_path, key_version, address_index,
                    address, purpose) VALUES (tests.id('viso_a'), 'm/1''/0''/0''', 0, 0, tests.vault_address('viso_z'),
                    'deposit') $$, '42501', NULL, 'the application cannot write the table directly (no grant)');

SELECT tests.act_as_nobody();
SELECT is((SELECT count(*) FROM monay.tenant_vaults) + (SELECT count(*) FROM monay.wallet_addresses), 0::bigint,
          'no context: no vault and no address visible');
SELECT throws_ok($$ SELECT monay.get_wallet_path(tests.id('viso_a')) $$, '42501', NULL, 'no context: 42501');

SELECT tests.act_as_forger('viso_b');
SELECT is((SELECT count(*) FROM monay.tenant_vaults) + (SELECT count(*) FROM monay.wallet_addresses), 0::bigint,
          'a forged context of B sees nothing');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('viso_b'),
                        (SELECT b FROM p) || '/0''/1''', tests.vault_address('viso_f')),
                 '42501', NULL, 'a forged context of B cannot register in B (42501)');
SELECT tests.act_as_forger('viso_a', true);
SELECT throws_ok($$ SELECT * FROM monay.get_wallet_addresses(tests.id('viso_b')) $$, '42501', NULL,
                 'a forged platform flag cannot read B (42501)');

-- The definer layer (what a SECURITY DEFINER function of ours may do): RLS holds for the owner.
SELECT tests.act_as('viso_a');
SELECT tests.act_as_definer();
SELECT is((SELECT count(*) FROM monay.wallet_addresses WHERE tenant_id = tests.id('viso_b')), 0::bigint,
          'even as the owner role, A''s context sees none of B''s addresses');
SELECT throws_ok(format($$ INSERT INTO monay.wallet_addresses (tenant_id, derivation_path, key_version, address_index,
                    address, purpose) VALUES (%L, %L, 0, 1, %L, 'deposit') $$, tests.id('viso_b'),
                        (SELECT b FROM p) || '/0''/1''', tests.vault_address('viso_d')),
                 '42501', NULL, 'and cannot insert into B''s subtree (RLS WITH CHECK)');

SELECT * FROM finish();
ROLLBACK;
