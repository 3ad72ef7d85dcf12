-- Trigger tenants_600_vault (monay_private.vault_open_for_tenant): every new
-- tenant is a vault, whoever creates it; a purged tenant's index is never reused.
BEGIN;
SELECT plan(9);

SELECT has_trigger('monay', 'tenants', 'tenants_600_vault', 'tenants has trigger tenants_600_vault');
SELECT trigger_is('monay', 'tenants', 'tenants_600_vault', 'monay_private', 'vault_open_for_tenant',
                  'it runs monay_private.vault_open_for_tenant');

-- A user creates their own tenant (create_tenant signs the new tenant's context).
SELECT tests.make_user('vtrig_user');
SELECT tests.make_tenant('vtrig_home');
SELECT tests.add_member('vtrig_home', 'vtrig_user');
SELECT tests.act_as('vtrig_home', 'vtrig_user');
CREATE TEMP TABLE created ON COMMIT DROP AS
SELECT (monay.create_tenant('vtrig new', 'individual')).id AS id;
GRANT SELECT ON created TO PUBLIC;
SELECT tests.as_superuser();
SELECT is((SELECT count(*) FROM monay.tenant_vaults v JOIN created c ON c.id = v.tenant_id), 1::bigint,
          'a tenant created by a user has a vault');
SELECT ok((SELECT a.account_index = v.account_index FROM monay.tenant_vaults v
           JOIN created c ON c.id = v.tenant_id
           JOIN monay_private.vault_account_allocations a ON a.tenant_id = v.tenant_id),
          'its account index is the one the ledger recorded for it');

-- The platform creates a tenant for someone.
SELECT tests.act_as_platform();
CREATE TEMP TABLE created2 ON COMMIT DROP AS
SELECT (monay.create_tenant('vtrig platform', 'small_business', 'small_business', tests.user_id('vtrig_user'))).id AS id;
GRANT SELECT ON created2 TO PUBLIC;
SELECT tests.as_superuser();
SELECT is((SELECT count(*) FROM monay.tenant_vaults v JOIN created2 c ON c.id = v.tenant_id), 1::bigint,
          'a tenant created by the platform has a vault');

-- Purge: the vault and its addresses go, the ledger keeps the index, a new tenant gets another.
SELECT tests.make_tenant('vtrig_gone');
INSERT INTO monay.wallet_addresses (tenant_id, derivation_path, key_version, address_index, address, purpose)
VALUES (tests.id('vtrig_gone'), tests.vault_base('vtrig_gone') || '/0''/0''', 0, 0, tests.vault_address('vtrig_gone'),
        'deposit');
CREATE TEMP TABLE gone ON COMMIT DROP AS
SELECT account_index FROM monay.tenant_vaults WHERE tenant_id = tests.id('vtrig_gone');
UPDATE monay.tenants SET status = 'closed', purge_after = now() - interval '1 day' WHERE id = tests.id('vtrig_gone');
SELECT tests.act_as_platform();
SELECT is((SELECT (deleted_rows ->> 'wallet_addresses')::int + (deleted_rows ->> 'tenant_vaults')::int
           FROM monay.purge_closed_tenants(1000) WHERE tenant_id = tests.id('vtrig_gone')), 2,
          'the purge deletes the closed tenant''s vault and address');
SELECT tests.as_superuser();
SELECT is((SELECT account_index FROM monay_private.vault_account_allocations WHERE tenant_id = tests.id('vtrig_gone')),
          (SELECT account_index FROM gone), 'the ledger still holds its account index');
SELECT tests.make_tenant('vtrig_next');
SELECT ok((SELECT account_index FROM monay.tenant_vaults WHERE tenant_id = tests.id('vtrig_next'))
          > (SELECT account_index FROM gone), 'a tenant created after the purge gets a new index, not the freed one');
SELECT is((SELECT count(*) FROM monay_private.vault_account_allocations a
           GROUP BY a.account_index ORDER BY count(*) DESC LIMIT 1), 1::bigint,
          'no account index belongs to two tenants');

SELECT * FROM finish();
ROLLBACK;
