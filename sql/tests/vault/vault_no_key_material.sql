-- No key material in the database: no column anywhere in our schemas whose
-- name or type could hold a seed, mnemonic, private or secret key of a vault,
-- and the vault tables hold only public data. The guard proves it can fail.
-- (The data written by `make demo` is checked by tests/test_vault_demo.py.)
BEGIN;
SELECT plan(6);

-- Columns allowed to carry such a word, each with its reason.
CREATE TEMP TABLE key_columns_allowed (tbl text, col text, reason text NOT NULL, PRIMARY KEY (tbl, col));
INSERT INTO key_columns_allowed VALUES
    ('jwt_secrets', 'secret', 'HS256 secret that verifies login tokens (tenancy), not wallet key material'),
    ('context_key', 'signing_key', 'HMAC key that signs the transaction context (tenancy), not wallet key material'),
    ('settings', 'key', 'the name of a setting'),
    ('audit_log', 'row_key', 'the primary key of the audited row');

CREATE FUNCTION pg_temp.suspects() RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(c.relname || '.' || a.attname ORDER BY c.relname, a.attname), '{}')
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname IN ('monay', 'monay_private') AND c.relkind IN ('r', 'p', 'v', 'm')
      AND NOT c.relispartition
      AND (a.attname ~* '(seed|mnemonic|private|secret|xprv|priv_?key|signing_?key|chain_?code|^key$|_key$)'
           AND a.attname !~* '(idempotency_key|_key_version$)')
      AND (c.relname::text, a.attname::text) NOT IN (SELECT tbl, col FROM key_columns_allowed)
$$;

SELECT is(pg_temp.suspects(), '{}', 'no column of monay or monay_private is named like key material');
SELECT is(array(SELECT a.attname::text || ' ' || format_type(a.atttypid, a.atttypmod)
                FROM pg_attribute a WHERE a.attrelid = 'monay.wallet_addresses'::regclass
                  AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
          ARRAY['tenant_id uuid', 'derivation_path text', 'key_version bigint', 'address_index bigint',
                'address text', 'purpose text', 'created_at timestamp with time zone',
                'retired_at timestamp with time zone'],
          'wallet_addresses holds public data only: path, public address, purpose, version, dates');
SELECT is(array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = 'monay.tenant_vaults'::regclass
                  AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
          ARRAY['tenant_id', 'account_index', 'base_path', 'key_version', 'created_at', 'rotated_at'],
          'tenant_vaults holds the account index, base path, key version and dates only');
SELECT is((SELECT count(*) FROM pg_attribute a
           WHERE a.attrelid IN ('monay.tenant_vaults'::regclass, 'monay.wallet_addresses'::regclass,
                                'monay_private.vault_account_allocations'::regclass)
             AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid IN ('bytea'::regtype, 'jsonb'::regtype)),
          0::bigint, 'no bytea or jsonb column in the vault tables that could carry a blob');
SELECT tests.make_tenant('vnokey_a');
SELECT throws_ok(format($$ INSERT INTO monay.wallet_addresses (tenant_id, derivation_path, key_version, address_index,
                           address, purpose) VALUES (%L, %L, 0, 0, %L, 'deposit') $$,
                        tests.id('vnokey_a'), tests.vault_base('vnokey_a') || '/0''/0''', repeat('ab', 64)),
                 '23514', NULL, 'a CHECK keeps wallet_addresses.address base58: a 64-byte hex secret key cannot go there');

-- The guard can fail.
SET LOCAL ROLE monay_owner;
CREATE TABLE monay_private.zz_vault_backup (tenant_id uuid, mnemonic text, seed_hex text);
RESET ROLE;
SELECT ok(pg_temp.suspects() @> ARRAY['zz_vault_backup.mnemonic', 'zz_vault_backup.seed_hex'],
          'a column named mnemonic or seed is reported');

SELECT * FROM finish();
ROLLBACK;
