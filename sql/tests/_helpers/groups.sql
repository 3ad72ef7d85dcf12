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
DECLARE
    v uuid := md5('wallet:' || p_user || ':' || p_name)::uuid;
BEGIN
    RESET ROLE;
    INSERT INTO monay.wallets (id, user_id, balance_cents) VALUES (v, tests.user_id(p_user), 100000)
    ON CONFLICT (id) DO NOTHING;
    RETURN v;
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
