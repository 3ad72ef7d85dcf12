-- Test fixtures and role switches for pgTAP (installed by `monaydb test` into
-- the throw-away test database only, as superuser, before pg_prove runs).
--
-- Fixtures have fixed ids: tests.id('a') is tenant a, tests.user_id('a_owner')
-- its owner. Build fixtures as superuser first, then switch with tests.act_as*
-- (SET LOCAL ROLE to the application or platform role plus a real context);
-- tests.as_superuser() switches back.

CREATE SCHEMA IF NOT EXISTS tests;
GRANT USAGE ON SCHEMA tests TO PUBLIC;

CREATE OR REPLACE FUNCTION tests.id(p_name text) RETURNS uuid
    LANGUAGE sql IMMUTABLE AS $$ SELECT md5('tenant:' || p_name)::uuid $$;

CREATE OR REPLACE FUNCTION tests.user_id(p_name text) RETURNS uuid
    LANGUAGE sql IMMUTABLE AS $$ SELECT md5('user:' || p_name)::uuid $$;

CREATE OR REPLACE FUNCTION tests.secret() RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT 'monay-tests-jwt-secret-0123456789abcdef'::text $$;

INSERT INTO monay_private.jwt_secrets (secret)
SELECT convert_to(tests.secret(), 'UTF8')
WHERE NOT EXISTS (SELECT 1 FROM monay_private.jwt_secrets WHERE retired_at IS NULL);

CREATE OR REPLACE FUNCTION tests.make_user(p_name text, p_status text DEFAULT 'active') RETURNS uuid
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO monay.users (id, email, display_name, status)
    VALUES (tests.user_id(p_name), p_name || '@example.test', p_name, p_status)
    ON CONFLICT (id) DO NOTHING;
    RETURN tests.user_id(p_name);
END $$;

-- A tenant with its owner (user '<name>_owner'); margin at the tier's floor.
CREATE OR REPLACE FUNCTION tests.make_tenant(p_name text, p_tier text DEFAULT 'free',
                                             p_type text DEFAULT NULL, p_status text DEFAULT 'active')
    RETURNS uuid LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO monay.tenants (id, name, tenant_type, billing_tier, gross_margin_percent, status)
    VALUES (tests.id(p_name), p_name,
            coalesce(p_type, CASE p_tier WHEN 'free' THEN 'individual' ELSE p_tier END),
            p_tier, (SELECT b.gross_margin_min_percent FROM monay.billing_tiers b WHERE b.tier = p_tier),
            p_status)
    ON CONFLICT (id) DO NOTHING;
    PERFORM tests.add_member(p_name, p_name || '_owner', 'owner');
    RETURN tests.id(p_name);
END $$;

CREATE OR REPLACE FUNCTION tests.add_member(p_tenant text, p_user text, p_role text DEFAULT 'member')
    RETURNS uuid LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tests.make_user(p_user);
    INSERT INTO monay.tenant_users (tenant_id, user_id, role)
    VALUES (tests.id(p_tenant), tests.user_id(p_user), p_role)
    ON CONFLICT (tenant_id, user_id) DO NOTHING;
    RETURN tests.user_id(p_user);
END $$;

-- A JWT as any library would mint it; every part can be made wrong on purpose.
CREATE OR REPLACE FUNCTION tests.make_token(
    p_user uuid, p_tenant uuid, p_expires_in interval DEFAULT '1 hour',
    p_secret text DEFAULT tests.secret(), p_alg text DEFAULT 'HS256', p_nbf timestamptz DEFAULT NULL)
    RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_header  text := monay_private.base64url_encode(convert_to(
        jsonb_build_object('alg', p_alg, 'typ', 'JWT')::text, 'UTF8'));
    v_payload text := monay_private.base64url_encode(convert_to(jsonb_strip_nulls(jsonb_build_object(
        'sub', p_user, 'tenant_id', p_tenant,
        'exp', floor(extract(epoch FROM clock_timestamp() + p_expires_in)),
        'nbf', floor(extract(epoch FROM p_nbf))))::text, 'UTF8'));
    v_sig text := CASE WHEN p_alg = 'none' THEN '' ELSE monay_private.base64url_encode(public.hmac(
        convert_to(v_header || '.' || v_payload, 'UTF8'), convert_to(p_secret, 'UTF8'), 'sha256')) END;
BEGIN
    RETURN v_header || '.' || v_payload || '.' || v_sig;
END $$;

-- The application role, authenticated as p_user (default: the tenant's owner) in tenant p_tenant.
CREATE OR REPLACE FUNCTION tests.act_as(p_tenant text, p_user text DEFAULT NULL) RETURNS jsonb
    LANGUAGE plpgsql AS $$
DECLARE
    v_token text;
BEGIN
    RESET ROLE;  -- first: minting needs monay_private, which the previous role may lack
    v_token := tests.make_token(tests.user_id(coalesce(p_user, p_tenant || '_owner')), tests.id(p_tenant));
    SET LOCAL ROLE monay_app;
    RETURN monay.authenticate(v_token);
END $$;

-- The platform role in the platform context (every tenant).
CREATE OR REPLACE FUNCTION tests.act_as_platform() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RESET ROLE;
    SET LOCAL ROLE monay_platform;
    PERFORM monay.set_platform_context();
END $$;

-- The platform role acting inside one tenant (a platform job).
CREATE OR REPLACE FUNCTION tests.act_as_tenant_job(p_tenant text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RESET ROLE;
    SET LOCAL ROLE monay_platform;
    PERFORM monay.set_tenant_context(tests.id(p_tenant));
END $$;

-- The application role with no context at all.
CREATE OR REPLACE FUNCTION tests.act_as_nobody() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RESET ROLE;
    PERFORM set_config('monay.tenant_id', '', true), set_config('monay.user_id', '', true),
            set_config('monay.platform', '', true), set_config('monay.context_signature', '', true);
    SET LOCAL ROLE monay_app;
END $$;

-- The application role with a context forged by raw set_config (no valid signature).
CREATE OR REPLACE FUNCTION tests.act_as_forger(p_tenant text, p_platform boolean DEFAULT false)
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RESET ROLE;
    SET LOCAL ROLE monay_app;
    PERFORM set_config('monay.tenant_id', tests.id(p_tenant)::text, true),
            set_config('monay.user_id', tests.user_id(p_tenant || '_owner')::text, true),
            set_config('monay.platform', p_platform::text, true),
            set_config('monay.context_signature', repeat('0', 64), true);
END $$;

CREATE OR REPLACE FUNCTION tests.as_superuser() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RESET ROLE;
END $$;

-- Durable security events for one user (written over dblink, so they
-- outlive the test's own savepoints and transaction).
CREATE OR REPLACE FUNCTION tests.security_events(p_user uuid, p_action text DEFAULT NULL)
    RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*) FROM monay.audit_log
    WHERE actor_user_id = p_user AND (p_action IS NULL OR action = p_action)
$$;

-- Durable auth_refused events about one token (authenticate records its sha256);
-- SECURITY DEFINER (the test superuser): RLS does not hide them, from any role.
CREATE OR REPLACE FUNCTION tests.token_events(p_token text) RETURNS bigint LANGUAGE sql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT count(*) FROM monay.audit_log
    WHERE action = 'auth_refused'
      AND detail ->> 'token_sha256' = encode(public.digest(coalesce(p_token, ''), 'sha256'), 'hex')
$$;

-- Keep the current (signed) context but act as monay_owner: what a SECURITY
-- DEFINER function of ours does, for checks of RLS on the owner itself.
CREATE OR REPLACE FUNCTION tests.act_as_definer() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RESET ROLE;
    SET LOCAL ROLE monay_owner;
END $$;

-- The MAX_TENANTS_PER_USER counter of one user (0 when none); readable from any role.
CREATE OR REPLACE FUNCTION tests.tenant_count(p_user text) RETURNS bigint LANGUAGE sql
    SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT coalesce((SELECT active_tenants FROM monay_private.user_tenant_counts
                     WHERE user_id = tests.user_id(p_user)), 0)
$$;

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tests TO PUBLIC;
