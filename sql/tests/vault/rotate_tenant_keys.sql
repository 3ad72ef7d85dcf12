-- monay.rotate_tenant_keys: a new key version; old addresses retired but kept; idempotent retries.
BEGIN;
SELECT plan(15);

SELECT tests.make_tenant('vrot_a');
SELECT tests.make_tenant('vrot_b');
SELECT tests.add_member('vrot_a', 'vrot_a_member', 'member');

SELECT has_function('monay', 'rotate_tenant_keys', ARRAY['uuid', 'integer'], 'rotate_tenant_keys(uuid, integer) exists');
SELECT is_definer('monay', 'rotate_tenant_keys', ARRAY['uuid', 'integer'], 'rotate_tenant_keys is SECURITY DEFINER');

UPDATE monay.tenant_vaults SET rotated_at = now() - interval '100 days' WHERE tenant_id = tests.id('vrot_a');
SELECT tests.act_as('vrot_a');
SELECT monay.register_wallet_address(tests.id('vrot_a'), p.path, tests.vault_address('vrot_a' || p.path))
FROM monay.next_wallet_paths(tests.id('vrot_a'), 2) AS p (path, v, i);

CREATE TEMP TABLE r ON COMMIT DROP AS SELECT * FROM monay.rotate_tenant_keys(tests.id('vrot_a'));
SELECT is((SELECT key_version FROM r), 1::bigint, 'the owner rotates: key version 0 -> 1');
SELECT is((SELECT rotated_at FROM r), now(), 'rotated_at is now');
SELECT is((SELECT count(*) FROM monay.wallet_addresses WHERE tenant_id = tests.id('vrot_a') AND retired_at = now()),
          2::bigint, 'both addresses of version 0 are retired');
SELECT is((SELECT count(*) FROM monay.wallet_addresses WHERE tenant_id = tests.id('vrot_a')), 2::bigint,
          'and kept (they still receive funds, recovery re-derives them)');
SELECT is(monay.get_wallet_path(tests.id('vrot_a')), tests.vault_base('vrot_a') || '/1''/0''',
          'new paths come from the new hardened branch');
SELECT throws_ok(format($$ SELECT monay.register_wallet_address(%L, %L, %L) $$, tests.id('vrot_a'),
                        tests.vault_base('vrot_a') || '/0''/5''', tests.vault_address('vrot_late')),
                 'MV006', NULL, 'an address of the retired version is refused (MV006)');

-- Idempotent with p_from_version: a retry after success changes nothing.
SELECT is((monay.rotate_tenant_keys(tests.id('vrot_a'), 0)).key_version, 1::bigint,
          'a retry "from version 0" returns version 1 unchanged');
SELECT is((monay.rotate_tenant_keys(tests.id('vrot_a'), 1)).key_version, 2::bigint,
          '"from version 1" rotates to 2');
SELECT throws_ok($$ SELECT monay.rotate_tenant_keys(tests.id('vrot_a'), 7) $$, '22023', NULL,
                 'a version ahead of the vault: 22023');
SELECT throws_ok($$ SELECT monay.rotate_tenant_keys(tests.id('vrot_b')) $$, '42501', NULL,
                 'another tenant''s vault: 42501');
SELECT tests.act_as('vrot_a', 'vrot_a_member');
SELECT throws_ok($$ SELECT monay.rotate_tenant_keys(tests.id('vrot_a')) $$, '42501', NULL,
                 'a plain member may not rotate: 42501');
SELECT tests.act_as_platform();
SELECT is((monay.rotate_tenant_keys(tests.id('vrot_b'))).key_version, 1::bigint, 'the platform rotates any tenant');
SELECT throws_ok($$ SELECT monay.rotate_tenant_keys(tests.id('vrot_none')) $$, 'MV007', NULL,
                 'a tenant that does not exist: MV007');

SELECT * FROM finish();
ROLLBACK;
