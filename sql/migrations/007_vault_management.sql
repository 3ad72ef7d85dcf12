-- Vaults: every tenant owns one hardened subtree of the platform's HD wallet,
-- m/44'/501'/<account>' (SLIP-0010 ed25519, Solana), whose account index is
-- allocated once from a sequence, recorded in an append-only ledger and never
-- reused, also after the tenant is closed and purged. The database holds the
-- account index, the derivation paths and the public addresses, never key
-- material: the master seed lives in an HSM (PKCS#11) or an encrypted
-- development file, and derivation runs in the Python module monaydb.vault
-- (docs/vault.md).
--
-- The rules (path checks, registration, rotation) live in sql/functions/vault/;
-- the trigger tenants_600_vault (sql/functions/vault) opens a vault for every
-- new tenant; this migration opens one for every tenant that exists already.
-- depends: 005_billing_infrastructure

-- Fail fast instead of queueing behind long transactions on a busy database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

SET LOCAL ROLE monay_owner;

-- ---------------------------------------------------------------------------
-- Account indexes: a sequence that never cycles and a ledger that never forgets
-- ---------------------------------------------------------------------------

-- A hardened BIP-32 index is 0 .. 2^31 - 1; NO CYCLE: past the last one
-- nextval fails (MV010) instead of handing out an index again.
CREATE SEQUENCE monay_private.vault_account_index_seq
    AS bigint MINVALUE 0 MAXVALUE 2147483647 START WITH 0 NO CYCLE;
COMMENT ON SEQUENCE monay_private.vault_account_index_seq IS
    'Next HD account index (hardened, 0 .. 2^31-1); never cycles.';

-- Which tenant got which account index, forever: the purge of a closed tenant
-- deletes its vault and addresses (schema monay) but never this row (schema
-- monay_private, append-only by trigger vault_account_allocations_append_only),
-- so no other tenant can ever be given that subtree, and the platform can
-- still re-derive it (to sweep funds sent to a purged tenant's address).
-- Not tenant data: no application role can read it.
CREATE TABLE monay_private.vault_account_allocations (
    account_index  bigint PRIMARY KEY,
    tenant_id      uuid NOT NULL UNIQUE,
    allocated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, account_index),
    CONSTRAINT vault_account_allocations_hardened_range CHECK (account_index BETWEEN 0 AND 2147483647)
);
COMMENT ON TABLE monay_private.vault_account_allocations IS
    'Append-only ledger: HD account index -> tenant, never reused (outlives the tenant''s purge).';

-- ---------------------------------------------------------------------------
-- Tenant-scoped tables
-- ---------------------------------------------------------------------------

-- One vault per tenant. base_path is fixed when the vault opens (from
-- WALLET_DERIVATION_PATH and the account index): a later change of the setting
-- applies to new vaults only, since existing addresses were derived under it.
-- key_version is the hardened level under the account: addresses of version v
-- are <base_path>/<v>'/<index>'; monay.rotate_tenant_keys moves to v + 1.
CREATE TABLE monay.tenant_vaults (
    tenant_id      uuid NOT NULL REFERENCES monay.tenants (id),
    account_index  bigint NOT NULL,
    base_path      text NOT NULL,
    key_version    bigint NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    rotated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id),
    -- the index was allocated to this very tenant in the ledger (unique there)
    FOREIGN KEY (tenant_id, account_index)
        REFERENCES monay_private.vault_account_allocations (tenant_id, account_index),
    CONSTRAINT tenant_vaults_base_path_format CHECK (
        base_path ~ '^m(/[0-9]+'')+$' AND base_path LIKE '%/' || account_index::text || ''''),
    CONSTRAINT tenant_vaults_key_version_range CHECK (key_version BETWEEN 0 AND 2147483647)
);
-- The rotation job reads the oldest rotations first (monay.tenants_due_for_rotation).
CREATE INDEX tenant_vaults_rotated_at_idx ON monay.tenant_vaults (rotated_at);
COMMENT ON TABLE monay.tenant_vaults IS
    'One HD subtree per tenant: account index (unique, never reused), base path, key version, last rotation.';

-- What an address is for (one list, referenced by wallet_addresses).
CREATE TABLE monay.wallet_address_purposes (
    purpose      text PRIMARY KEY,
    description  text NOT NULL,
    CONSTRAINT wallet_address_purposes_format CHECK (purpose ~ '^[a-z][a-z0-9_]{0,30}$')
);
COMMENT ON TABLE monay.wallet_address_purposes IS 'Allowed purposes of a registered wallet address.';

-- Public addresses derived in a tenant's subtree. Never key material: the
-- address is the base58 ed25519 public key (32 bytes). Retired addresses
-- (an earlier key version) stay: they may still receive funds and recovery
-- re-derives them.
CREATE TABLE monay.wallet_addresses (
    tenant_id        uuid NOT NULL,
    derivation_path  text NOT NULL,
    key_version      bigint NOT NULL,
    address_index    bigint NOT NULL,
    address          text NOT NULL,
    purpose          text NOT NULL REFERENCES monay.wallet_address_purposes (purpose),
    created_at       timestamptz NOT NULL DEFAULT now(),
    retired_at       timestamptz,
    PRIMARY KEY (tenant_id, derivation_path),
    UNIQUE (tenant_id, address),
    UNIQUE (tenant_id, key_version, address_index),
    FOREIGN KEY (tenant_id) REFERENCES monay.tenant_vaults (tenant_id),
    CONSTRAINT wallet_addresses_path_format CHECK (
        derivation_path ~ '^m(/[0-9]+'')+$'
        AND derivation_path LIKE '%/' || key_version::text || '''/' || address_index::text || ''''),
    CONSTRAINT wallet_addresses_address_format CHECK (address ~ '^[1-9A-HJ-NP-Za-km-z]{32,44}$'),
    CONSTRAINT wallet_addresses_index_range CHECK (key_version BETWEEN 0 AND 2147483647 AND address_index BETWEEN 0 AND 2147483647),
    CONSTRAINT wallet_addresses_retired_after_created CHECK (retired_at IS NULL OR retired_at >= created_at)
);
COMMENT ON TABLE monay.wallet_addresses IS
    'Public addresses of a tenant''s subtree (path, base58 address, purpose, key version, retired_at).';

-- ---------------------------------------------------------------------------
-- Row-level security: the standard tenant range on every command. Writes
-- come only from the functions of sql/functions/vault (no grant to the app);
-- DELETE is the platform's purge of a closed tenant.
-- ---------------------------------------------------------------------------

ALTER TABLE monay.tenant_vaults ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.tenant_vaults FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_vaults_select ON monay.tenant_vaults FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY tenant_vaults_insert ON monay.tenant_vaults FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY tenant_vaults_update ON monay.tenant_vaults FOR UPDATE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()))
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY tenant_vaults_delete ON monay.tenant_vaults FOR DELETE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));

ALTER TABLE monay.wallet_addresses ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.wallet_addresses FORCE ROW LEVEL SECURITY;
CREATE POLICY wallet_addresses_select ON monay.wallet_addresses FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY wallet_addresses_insert ON monay.wallet_addresses FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY wallet_addresses_update ON monay.wallet_addresses FOR UPDATE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()))
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY wallet_addresses_delete ON monay.wallet_addresses FOR DELETE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));

ALTER TABLE monay.wallet_address_purposes ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.wallet_address_purposes FORCE ROW LEVEL SECURITY;
CREATE POLICY wallet_address_purposes_select ON monay.wallet_address_purposes FOR SELECT USING (true);
CREATE POLICY wallet_address_purposes_insert ON monay.wallet_address_purposes FOR INSERT
    WITH CHECK ((SELECT monay.is_platform_context()));
CREATE POLICY wallet_address_purposes_update ON monay.wallet_address_purposes FOR UPDATE
    USING ((SELECT monay.is_platform_context())) WITH CHECK ((SELECT monay.is_platform_context()));
CREATE POLICY wallet_address_purposes_delete ON monay.wallet_address_purposes FOR DELETE
    USING ((SELECT monay.is_platform_context()));

-- ---------------------------------------------------------------------------
-- Grants: read under RLS; every write goes through a function.
-- ---------------------------------------------------------------------------

GRANT SELECT ON monay.tenant_vaults, monay.wallet_addresses, monay.wallet_address_purposes
    TO monay_app, monay_platform, monay_readonly;
GRANT INSERT, UPDATE, DELETE ON monay.wallet_address_purposes TO monay_platform;

RESET ROLE;

-- ---------------------------------------------------------------------------
-- Seed data, written as the migrating superuser (FORCE RLS wants a context).
-- ---------------------------------------------------------------------------

INSERT INTO monay.wallet_address_purposes (purpose, description) VALUES
    ('deposit', 'Receives customer funds'),
    ('treasury', 'Holds the tenant''s own funds'),
    ('payout', 'Sends payments and withdrawals'),
    ('fees', 'Pays network fees');

-- A vault for every tenant that exists already: walk the tenants' primary key
-- in batches (only reads of monay.tenants, no lock beyond ACCESS SHARE);
-- idempotent (a tenant in the ledger keeps its index, a vault is not opened twice).
DO $$
DECLARE
    v_last    uuid := '00000000-0000-0000-0000-000000000000';
    v_batch   uuid[];
    v_prefix  text := (SELECT s.value #>> '{}' FROM monay.settings s WHERE s.key = 'WALLET_DERIVATION_PATH');
BEGIN
    LOOP
        SELECT array_agg(t.id ORDER BY t.id) INTO v_batch
        FROM (SELECT t.id FROM monay.tenants t WHERE t.id > v_last ORDER BY t.id LIMIT 5000) t;
        EXIT WHEN v_batch IS NULL;
        INSERT INTO monay_private.vault_account_allocations (account_index, tenant_id)
        SELECT nextval('monay_private.vault_account_index_seq'), b.id
        FROM unnest(v_batch) WITH ORDINALITY AS b (id, n)
        WHERE NOT EXISTS (SELECT 1 FROM monay_private.vault_account_allocations a WHERE a.tenant_id = b.id)
        ORDER BY b.n;
        INSERT INTO monay.tenant_vaults (tenant_id, account_index, base_path)
        SELECT a.tenant_id, a.account_index, v_prefix || '/' || a.account_index || ''''
        FROM monay_private.vault_account_allocations a
        WHERE a.tenant_id = ANY (v_batch)
        ON CONFLICT (tenant_id) DO NOTHING;
        v_last := v_batch[cardinality(v_batch)];
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------
-- Settings
-- ---------------------------------------------------------------------------

INSERT INTO monay.settings (key, value, value_type, description) VALUES
    ('HD_WALLET_ENABLED', 'true', 'boolean',
     'HD wallet derivation requests (paths, address registration, rotation); off refuses them (MV001).'),
    ('HSM_INTEGRATION', 'false', 'boolean',
     'The master seed is held by an HSM (PKCS#11): monaydb.vault refuses the development seed file.');
