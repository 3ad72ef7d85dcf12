-- Treasury grants meet the tenant-scoped wallets (004 x 006): a grant references its wallet
-- with the composite key (tenant_id, wallet_id), so a grant can only open a wallet of the
-- granting tenant; and the wallets' and transactions' SELECT policies also show a wallet
-- (and its transactions) to the grantee of an active grant on exactly that wallet, nothing
-- else. Writes stay the functions' (monay.spend_from_treasury debits through a spend grant).
-- Online-safe: the foreign key is added NOT VALID and validated (SHARE UPDATE EXCLUSIVE on
-- the small grants table); the policies swap in this one short transaction.
-- depends: 004_groups_management 006_add_tenant_columns 013_rls_policies_by_pattern

SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '15min';
-- On a legacy database, 006's long steps must be done first (`monaydb legacy migrate` applies
-- this migration after its swap): the wallets' composite key comes with them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c
                   WHERE c.conrelid = 'monay.wallets'::regclass AND c.contype = 'p'
                     AND pg_catalog.pg_get_constraintdef(c.oid) = 'PRIMARY KEY (tenant_id, id)') THEN
        RAISE EXCEPTION 'the tenant retrofit of migration 006 is not finished: run `monaydb legacy migrate` (it applies this migration after its swap)';
    END IF;
END
$$;

SET LOCAL ROLE monay_owner;

-- Every lock up front, in the platform's order (a transfer locks wallets, then writes
-- transactions): taken one by one below, they could deadlock with a live writer.
LOCK TABLE monay.wallets, monay.transactions, monay.treasury_access_grants IN ACCESS EXCLUSIVE MODE;

ALTER TABLE monay.treasury_access_grants
    ADD CONSTRAINT treasury_access_grants_wallet_fkey
    FOREIGN KEY (tenant_id, wallet_id) REFERENCES monay.wallets (tenant_id, id) NOT VALID;
-- The grants table is small (a few rows per group): validating and indexing it inside the
-- migration's transaction holds its lock for milliseconds, and keeps the migration atomic.
-- squawk-ignore constraint-missing-not-valid
ALTER TABLE monay.treasury_access_grants VALIDATE CONSTRAINT treasury_access_grants_wallet_fkey;
-- squawk-ignore require-concurrent-index-creation
CREATE INDEX treasury_access_grants_wallet ON monay.treasury_access_grants (tenant_id, wallet_id);

DO $$
BEGIN
    PERFORM monay_private.apply_rls('monay.wallets', 'tenant_read_write', 'tenant_id',
        'EXISTS (SELECT 1 FROM monay.treasury_access_grants g '
        'WHERE g.tenant_id = wallets.tenant_id AND g.wallet_id = wallets.id '
        'AND g.revoked_at IS NULL AND g.expires_at > now() '
        'AND (g.grantee_user_id = (SELECT monay.current_user_id()) '
        'OR g.grantee_tenant_id = (SELECT monay.current_tenant_id())))');
    PERFORM monay_private.apply_rls('monay.transactions', 'tenant_read_write', 'tenant_id',
        'EXISTS (SELECT 1 FROM monay.treasury_access_grants g '
        'WHERE g.tenant_id = transactions.tenant_id AND g.wallet_id = transactions.wallet_id '
        'AND g.revoked_at IS NULL AND g.expires_at > now() '
        'AND (g.grantee_user_id = (SELECT monay.current_user_id()) '
        'OR g.grantee_tenant_id = (SELECT monay.current_tenant_id())))');
END
$$;

RESET ROLE;
