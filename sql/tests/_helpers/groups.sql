-- Group fixtures for pgTAP (installed with the other helpers into the
-- throw-away test database, as superuser). Each builds as the platform (the
-- real functions, not raw inserts) and goes back to superuser.

CREATE SCHEMA IF NOT EXISTS tests;
GRANT USAGE ON SCHEMA tests TO PUBLIC;

-- A holding company owned by tenant p_owner (tests.id), optionally under p_parent.
CREATE OR REPLACE FUNCTION tests.groups_holding(p_owner text, p_name text, p_parent uuid DEFAULT NULL,
                                                p_config jsonb DEFAULT '{}'::jsonb)
    RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
    v uuid;
BEGIN
    PERFORM tests.act_as_platform();
    v := (monay.create_holding_company(p_name, p_config, tests.id(p_owner), p_parent)).id;
    RESET ROLE;
    RETURN v;
END $$;

-- A household owned by tenant p_owner, headed by user p_head (default: the tenant's owner).
CREATE OR REPLACE FUNCTION tests.groups_household(p_owner text, p_name text, p_head text DEFAULT NULL,
                                                  p_config jsonb DEFAULT '{}'::jsonb)
    RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
    v uuid;
BEGIN
    PERFORM tests.act_as_platform();
    v := (monay.create_household_group(p_name, p_config, tests.id(p_owner),
                                       tests.user_id(coalesce(p_head, p_owner || '_owner')))).id;
    RESET ROLE;
    RETURN v;
END $$;

-- Adds a member (a user id for a household, a tenant id for a holding) as the platform.
CREATE OR REPLACE FUNCTION tests.groups_add(p_group uuid, p_member uuid, p_role text, p_allowance bigint DEFAULT NULL)
    RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
    v uuid;
BEGIN
    PERFORM tests.act_as_platform();
    v := (monay.add_group_member(p_group, p_member, p_role, p_allowance)).id;
    RESET ROLE;
    RETURN v;
END $$;

-- A wallet of user p_user (the platform tables, as superuser).
CREATE OR REPLACE FUNCTION tests.groups_wallet(p_user text, p_name text DEFAULT 'main') RETURNS uuid
    LANGUAGE plpgsql AS $$
-- A wallet of p_user in the tenant p_user owns (tenant-scoped wallets, 006); a user who owns
-- none gets a personal tenant '<user>_t' first.
DECLARE
    v uuid := md5('wallet:' || p_user || ':' || p_name)::uuid;
    v_tenant uuid;
BEGIN
    RESET ROLE;
    SELECT tu.tenant_id INTO v_tenant FROM monay.tenant_users tu
    WHERE tu.user_id = tests.user_id(p_user) AND tu.role = 'owner' AND tu.status = 'active'
    ORDER BY tu.tenant_id LIMIT 1;
    IF v_tenant IS NULL THEN
        PERFORM tests.make_tenant(p_user || '_t');
        PERFORM tests.add_member(p_user || '_t', p_user, 'owner');
        v_tenant := tests.id(p_user || '_t');
    END IF;
    INSERT INTO monay.wallets (id, tenant_id, user_id, balance_cents) VALUES (v, v_tenant, tests.user_id(p_user), 100000)
    ON CONFLICT (tenant_id, id) DO NOTHING;
    RETURN v;
END $$;

-- A card of p_user on wallet p_wallet (in the wallet's tenant, as the composite key wants).
CREATE OR REPLACE FUNCTION tests.groups_card(p_user text, p_wallet uuid, p_last4 text,
                                             p_limit bigint DEFAULT NULL, p_brand text DEFAULT 'visa')
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RESET ROLE;
    INSERT INTO monay.cards (tenant_id, user_id, wallet_id, brand, last4, expires_on, spend_limit_cents)
    SELECT w.tenant_id, tests.user_id(p_user), w.id, p_brand, p_last4, '2030-01-01', p_limit
    FROM monay.wallets w WHERE w.id = p_wallet;
END $$;

-- A treasury grant made by the platform (the wallet need not be the caller's).
CREATE OR REPLACE FUNCTION tests.groups_grant(p_group uuid, p_wallet uuid, p_grantee uuid, p_access text,
                                              p_limit bigint DEFAULT NULL,
                                              p_expires timestamptz DEFAULT now() + interval '1 day')
    RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
    v uuid;
BEGIN
    PERFORM tests.act_as_platform();
    v := (monay.share_treasury_access(p_group, p_wallet, p_grantee, p_access, p_limit, p_expires)).id;
    RESET ROLE;
    RETURN v;
END $$;

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tests TO PUBLIC;
