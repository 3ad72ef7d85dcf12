-- monay_private.vault_open: one vault per tenant, account index unique and never reused.
BEGIN;
SELECT plan(10);

SELECT tests.make_tenant('vopen_a');
SELECT tests.make_tenant('vopen_b');

SELECT has_function('monay_private', 'vault_open', ARRAY['uuid'], 'vault_open(uuid) exists');
SELECT isnt_definer('monay_private', 'vault_open', ARRAY['uuid'], 'vault_open runs as its caller (RLS of the caller)');
SELECT ok((SELECT base_path = 'm/44''/501''/' || account_index || '''' AND key_version = 0
           FROM monay.tenant_vaults WHERE tenant_id = tests.id('vopen_a')),
          'a new tenant has a vault at m/44''/501''/<account>'', key version 0');
SELECT isnt((SELECT account_index FROM monay.tenant_vaults WHERE tenant_id = tests.id('vopen_a')),
            (SELECT account_index FROM monay.tenant_vaults WHERE tenant_id = tests.id('vopen_b')),
            'two tenants, two account indexes');
SELECT is((monay_private.vault_open(tests.id('vopen_a'))).account_index,
          (SELECT account_index FROM monay_private.vault_account_allocations WHERE tenant_id = tests.id('vopen_a')),
          'opening again returns the same vault (idempotent)');
SELECT is((SELECT count(*) FROM monay_private.vault_account_allocations WHERE tenant_id = tests.id('vopen_a')),
          1::bigint, 'and allocates nothing more');
SELECT throws_ok($$ SELECT monay_private.vault_open(NULL) $$, '22023', NULL, 'NULL tenant: 22023');

-- A vault whose row is gone (a purged tenant) keeps its ledger index when opened again.
DELETE FROM monay.tenant_vaults WHERE tenant_id = tests.id('vopen_b');
SELECT is((monay_private.vault_open(tests.id('vopen_b'))).account_index,
          (SELECT account_index FROM monay_private.vault_account_allocations WHERE tenant_id = tests.id('vopen_b')),
          'a tenant in the ledger gets its own index back, never a new one');

-- Exhaustion: the sequence never cycles (ALTER SEQUENCE is transactional: rolled back below).
ALTER SEQUENCE monay_private.vault_account_index_seq RESTART WITH 2147483647;
SELECT tests.make_tenant('vopen_last');
SELECT is((SELECT account_index FROM monay.tenant_vaults WHERE tenant_id = tests.id('vopen_last')),
          2147483647::bigint, 'the last hardened account index is handed out');
SELECT throws_ok($$ SELECT tests.make_tenant('vopen_none') $$, 'MV010', NULL,
                 'past it, a new tenant is refused (MV010), never given an index again');

SELECT * FROM finish();
ROLLBACK;
