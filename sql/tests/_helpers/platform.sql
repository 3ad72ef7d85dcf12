-- Fixtures of the platform tables (wallets, transactions): build them as superuser,
-- before tests.act_as*. Names are private to the test file that uses them.

CREATE OR REPLACE FUNCTION tests.wallet_id(p_name text) RETURNS uuid
    LANGUAGE sql IMMUTABLE AS $$ SELECT md5('wallet:' || p_name)::uuid $$;

-- A wallet of tenant p_tenant (owned by p_user, default the tenant's owner).
CREATE OR REPLACE FUNCTION tests.make_wallet(p_tenant text, p_name text, p_balance bigint DEFAULT 0,
                                             p_currency text DEFAULT 'USD', p_status text DEFAULT 'active',
                                             p_user text DEFAULT NULL)
    RETURNS uuid LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO monay.wallets (id, tenant_id, user_id, currency, balance_cents, status)
    VALUES (tests.wallet_id(p_name), tests.id(p_tenant), tests.user_id(coalesce(p_user, p_tenant || '_owner')),
            p_currency, p_balance, p_status);
    RETURN tests.wallet_id(p_name);
END $$;

-- A wallet's balance, read past RLS (for assertions from any role).
CREATE OR REPLACE FUNCTION tests.wallet_balance(p_name text) RETURNS bigint LANGUAGE sql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT balance_cents FROM monay.wallets WHERE id = tests.wallet_id(p_name)
$$;

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tests TO PUBLIC;
