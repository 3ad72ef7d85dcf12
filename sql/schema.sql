--
-- PostgreSQL database dump
--

--
-- Name: monay; Type: SCHEMA; Schema: -; Owner: monay_owner
--

CREATE SCHEMA monay;

ALTER SCHEMA monay OWNER TO monay_owner;
--
-- Name: SCHEMA monay; Type: COMMENT; Schema: -; Owner: monay_owner
--

COMMENT ON SCHEMA monay IS 'The public contract: tables and functions that applications call.';

--
-- Name: monay_private; Type: SCHEMA; Schema: -; Owner: monay_owner
--

CREATE SCHEMA monay_private;

ALTER SCHEMA monay_private OWNER TO monay_owner;
--
-- Name: SCHEMA monay_private; Type: COMMENT; Schema: -; Owner: monay_owner
--

COMMENT ON SCHEMA monay_private IS 'Internals (secrets, helpers) that no application role can reach.';

--
-- Name: dblink; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS dblink WITH SCHEMA monay_private;

--
-- Name: EXTENSION dblink; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION dblink IS 'connect to other PostgreSQL databases from within a database';

--
-- Name: pgcrypto; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

--
-- Name: EXTENSION pgcrypto; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';

--
-- Name: authenticate(text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.authenticate(p_token text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* Verifies an HS256 JWT (claims: sub = user id, tenant_id, exp, optional nbf)
   against the secret set by monay.set_jwt_secret, checks that the user is
   active and an active member of that active tenant, and sets the signed,
   transaction-local context. Returns {user_id, tenant_id, tenant_code, role,
   expires_at}.
   Refusals are recorded durably in monay.audit_log (action auth_refused):
     MT201 malformed token, wrong algorithm (alg none included), bad signature
     MT202 expired            MT203 not yet valid (nbf)
     MT204 not an active member of the tenant
     MT205 tenant suspended or closed
     MT207 no JWT secret configured   MT208 user unknown or disabled */
DECLARE
    v_parts    text[];
    v_header   jsonb;
    v_claims   jsonb;
    v_secret   bytea;
    v_user     uuid;
    v_tenant   uuid;
    v_exp      numeric;
    v_nbf      numeric;
    v_status   text;
    v_role     text;
    v_code     text;
    v_detail   jsonb;
    c_uuid constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
BEGIN
    v_detail := jsonb_build_object('token_sha256',
        encode(public.digest(coalesce(p_token, ''), 'sha256'), 'hex'));
    v_parts := string_to_array(coalesce(p_token, ''), '.');
    IF coalesce(array_length(v_parts, 1), 0) <> 3 THEN
        PERFORM monay_private.refuse_access('auth_refused', 'MT201',
            'invalid token: not a JWT (expected header.payload.signature)', NULL, NULL, v_detail);
    END IF;
    BEGIN
        v_header := convert_from(monay_private.base64url_decode(v_parts[1]), 'UTF8')::jsonb;
        v_claims := convert_from(monay_private.base64url_decode(v_parts[2]), 'UTF8')::jsonb;
        IF jsonb_typeof(v_header) <> 'object' OR jsonb_typeof(v_claims) <> 'object' THEN
            RAISE EXCEPTION 'not objects';
        END IF;
    EXCEPTION WHEN OTHERS THEN
        v_header := NULL;
    END;
    IF v_header IS NULL THEN
        PERFORM monay_private.refuse_access('auth_refused', 'MT201',
            'invalid token: header or payload is not base64url JSON', NULL, NULL, v_detail);
    END IF;
    v_detail := v_detail || jsonb_build_object('alg', v_header -> 'alg',
        'claimed_sub', v_claims -> 'sub', 'claimed_tenant_id', v_claims -> 'tenant_id');
    IF v_header ->> 'alg' IS DISTINCT FROM 'HS256' THEN
        PERFORM monay_private.refuse_access('auth_refused', 'MT201',
            format('invalid token: algorithm %s is not accepted, only HS256',
                   coalesce(v_header ->> 'alg', 'missing')), NULL, NULL, v_detail);
    END IF;

    SELECT s.secret INTO v_secret FROM monay_private.jwt_secrets s WHERE s.retired_at IS NULL;
    IF v_secret IS NULL THEN
        PERFORM monay_private.refuse_access('auth_refused', 'MT207',
            'no JWT secret configured: the platform must call monay.set_jwt_secret', NULL, NULL, v_detail);
    END IF;
    IF monay_private.base64url_encode(public.hmac(
           convert_to(v_parts[1] || '.' || v_parts[2], 'UTF8'), v_secret, 'sha256'))
       IS DISTINCT FROM v_parts[3] THEN
        PERFORM monay_private.refuse_access('auth_refused', 'MT201',
            'invalid token: signature does not match', NULL, NULL, v_detail);
    END IF;

    -- From here the claims are authentic.
    IF jsonb_typeof(v_claims -> 'exp') IS DISTINCT FROM 'number' THEN
        PERFORM monay_private.refuse_access('auth_refused', 'MT201',
            'invalid token: claim exp (a number) is required', NULL, NULL, v_detail);
    END IF;
    IF coalesce(v_claims ->> 'sub', '') !~ c_uuid OR coalesce(v_claims ->> 'tenant_id', '') !~ c_uuid THEN
        PERFORM monay_private.refuse_access('auth_refused', 'MT201',
            'invalid token: claims sub and tenant_id must be uuids', NULL, NULL, v_detail);
    END IF;
    v_user := (v_claims ->> 'sub')::uuid;
    v_tenant := (v_claims ->> 'tenant_id')::uuid;
    v_exp := (v_claims ->> 'exp')::numeric;
    IF extract(epoch FROM clock_timestamp()) >= v_exp THEN
        PERFORM monay_private.refuse_access('auth_refused', 'MT202',
            format('token expired at %s', to_timestamp(v_exp)), v_tenant, v_user, v_detail);
    END IF;
    IF v_claims ? 'nbf' THEN
        IF jsonb_typeof(v_claims -> 'nbf') <> 'number' THEN
            PERFORM monay_private.refuse_access('auth_refused', 'MT201',
                'invalid token: claim nbf must be a number', v_tenant, v_user, v_detail);
        END IF;
        v_nbf := (v_claims ->> 'nbf')::numeric;
        IF extract(epoch FROM clock_timestamp()) < v_nbf THEN
            PERFORM monay_private.refuse_access('auth_refused', 'MT203',
                format('token not valid before %s', to_timestamp(v_nbf)), v_tenant, v_user, v_detail);
        END IF;
    END IF;

    -- A user-only context, so that RLS lets us read this user's own rows.
    PERFORM monay_private.set_context(NULL, v_user, false);
    SELECT u.status INTO v_status FROM monay.users u WHERE u.id = v_user;
    IF v_status IS DISTINCT FROM 'active' THEN
        PERFORM monay_private.refuse_access('auth_refused', 'MT208',
            format('user %s is %s', v_user, coalesce(v_status, 'unknown')), v_tenant, v_user, v_detail);
    END IF;
    SELECT tu.role INTO v_role FROM monay.tenant_users tu
    WHERE tu.tenant_id = v_tenant AND tu.user_id = v_user AND tu.status = 'active';
    IF v_role IS NULL THEN
        PERFORM monay_private.refuse_access('auth_refused', 'MT204',
            format('user %s is not an active member of tenant %s', v_user, v_tenant),
            v_tenant, v_user, v_detail);
    END IF;
    SELECT t.status, t.tenant_code INTO v_status, v_code FROM monay.tenants t WHERE t.id = v_tenant;
    IF v_status IS DISTINCT FROM 'active' THEN
        PERFORM monay_private.refuse_access('auth_refused', 'MT205',
            format('tenant %s is %s', v_tenant, coalesce(v_status, 'unknown')), v_tenant, v_user, v_detail);
    END IF;

    PERFORM monay_private.set_context(v_tenant, v_user, false);
    RETURN jsonb_build_object('user_id', v_user, 'tenant_id', v_tenant, 'tenant_code', v_code,
                              'role', v_role, 'expires_at', to_timestamp(v_exp));
END;
$_$;

ALTER FUNCTION monay.authenticate(p_token text) OWNER TO monay_owner;
--
-- Name: FUNCTION authenticate(p_token text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.authenticate(p_token text) IS 'Verifies an HS256 JWT and sets the signed tenant context for this transaction (MT201-MT208).';

--
-- Name: current_tenant_id(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The tenant of this transaction's verified context, or NULL. */
    SELECT (monay_private.verified_context()).tenant_id
$$;

ALTER FUNCTION monay.current_tenant_id() OWNER TO monay_owner;
--
-- Name: FUNCTION current_tenant_id(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.current_tenant_id() IS 'Tenant of the verified transaction context, NULL without one. Policies call it as (SELECT ...).';

--
-- Name: current_user_id(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.current_user_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The authenticated user of this transaction's verified context, or NULL. */
    SELECT (monay_private.verified_context()).user_id
$$;

ALTER FUNCTION monay.current_user_id() OWNER TO monay_owner;
--
-- Name: FUNCTION current_user_id(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.current_user_id() IS 'Authenticated user of the verified transaction context, NULL without one.';

--
-- Name: generate_tenant_code(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.generate_tenant_code() RETURNS text
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The next tenant code from monay.tenant_code_seq, e.g. TNT-000123-K. */
    SELECT 'TNT-' || d || '-' || monay.tenant_code_check_char(d)
    FROM (SELECT lpad(nextval('monay.tenant_code_seq')::text, 6, '0') AS d) s
$$;

ALTER FUNCTION monay.generate_tenant_code() OWNER TO monay_owner;
--
-- Name: FUNCTION generate_tenant_code(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.generate_tenant_code() IS 'Next human-readable tenant code with its check letter, e.g. TNT-000123-K.';

--
-- Name: get_setting(text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.get_setting(p_key text) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The typed value of one seed setting, as jsonb (a number, string or boolean):
   (monay.get_setting('MAX_TENANTS_PER_USER'))::int, monay.get_setting('X') #>> '{}'.
   Raises MT101 for an unknown key. */
DECLARE
    v_value jsonb;
BEGIN
    SELECT s.value INTO v_value FROM monay.settings s WHERE s.key = p_key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown setting %', coalesce(quote_literal(p_key), 'NULL')
            USING ERRCODE = 'MT101',
                  HINT = 'SELECT key FROM monay.settings lists the known settings.';
    END IF;
    RETURN v_value;
END;
$$;

ALTER FUNCTION monay.get_setting(p_key text) OWNER TO monay_owner;
--
-- Name: FUNCTION get_setting(p_key text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.get_setting(p_key text) IS 'Typed value (jsonb) of one setting of monay.settings; MT101 when unknown.';

--
-- Name: is_platform_context(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.is_platform_context() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* True when monay.set_platform_context() (monay_platform only) signed this transaction. */
    SELECT (monay_private.verified_context()).platform
$$;

ALTER FUNCTION monay.is_platform_context() OWNER TO monay_owner;
--
-- Name: FUNCTION is_platform_context(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.is_platform_context() IS 'True inside a verified platform context (set by monay_platform only).';

--
-- Name: rls_tenant_high(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.rls_tenant_high() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Upper bound of the tenant ids this transaction may see (see rls_tenant_low). */
    SELECT CASE WHEN c.platform THEN 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid
                ELSE c.tenant_id END
    FROM monay_private.verified_context() c
$$;

ALTER FUNCTION monay.rls_tenant_high() OWNER TO monay_owner;
--
-- Name: FUNCTION rls_tenant_high(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.rls_tenant_high() IS 'Upper bound of visible tenant ids: the tenant, all (platform), or NULL (no context).';

--
-- Name: rls_tenant_low(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.rls_tenant_low() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Lower bound of the tenant ids this transaction may see (see rls_tenant_high). */
    SELECT CASE WHEN c.platform THEN '00000000-0000-0000-0000-000000000000'::uuid
                ELSE c.tenant_id END
    FROM monay_private.verified_context() c
$$;

ALTER FUNCTION monay.rls_tenant_low() OWNER TO monay_owner;
--
-- Name: FUNCTION rls_tenant_low(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.rls_tenant_low() IS 'Lower bound of visible tenant ids: the tenant, all (platform), or NULL (no context).';

--
-- Name: set_jwt_secret(text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.set_jwt_secret(p_secret text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Sets the HS256 secret that monay.authenticate verifies tokens with; the
   previous one is retired at once (tokens signed with it stop working).
   Platform context only (42501); at least 32 bytes (22023). */
BEGIN
    IF NOT coalesce(monay.is_platform_context(), false) THEN
        RAISE EXCEPTION 'set_jwt_secret needs the platform context (monay.set_platform_context())'
            USING ERRCODE = '42501';
    END IF;
    IF p_secret IS NULL OR octet_length(p_secret) < 32 THEN
        RAISE EXCEPTION 'JWT secret must be at least 32 bytes, got %', coalesce(octet_length(p_secret), 0)
            USING ERRCODE = '22023';
    END IF;
    UPDATE monay_private.jwt_secrets SET retired_at = now() WHERE retired_at IS NULL;
    INSERT INTO monay_private.jwt_secrets (secret) VALUES (convert_to(p_secret, 'UTF8'));
END;
$$;

ALTER FUNCTION monay.set_jwt_secret(p_secret text) OWNER TO monay_owner;
--
-- Name: FUNCTION set_jwt_secret(p_secret text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.set_jwt_secret(p_secret text) IS 'Platform only: sets the HS256 secret for monay.authenticate (>= 32 bytes).';

--
-- Name: set_platform_context(); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.set_platform_context() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* For monay_platform jobs only (EXECUTE is granted to no other role): this
   transaction sees and may change every tenant's rows. */
BEGIN
    PERFORM monay_private.set_context(NULL, NULL, true);
END;
$$;

ALTER FUNCTION monay.set_platform_context() OWNER TO monay_owner;
--
-- Name: FUNCTION set_platform_context(); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.set_platform_context() IS 'Platform jobs only: this transaction sees every tenant.';

--
-- Name: settings; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.settings (
    key text NOT NULL,
    value jsonb NOT NULL,
    value_type text NOT NULL,
    description text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT settings_key_format CHECK ((key ~ '^[A-Z][A-Z0-9_]*$'::text)),
    CONSTRAINT settings_tenant_isolation_always_on CHECK (((key <> 'TENANT_ISOLATION_ENABLED'::text) OR (value = 'true'::jsonb))),
    CONSTRAINT settings_value_matches_type CHECK (
CASE value_type
    WHEN 'text'::text THEN (jsonb_typeof(value) = 'string'::text)
    WHEN 'integer'::text THEN ((jsonb_typeof(value) = 'number'::text) AND (((value)::numeric % (1)::numeric) = (0)::numeric))
    WHEN 'numeric'::text THEN (jsonb_typeof(value) = 'number'::text)
    WHEN 'boolean'::text THEN (jsonb_typeof(value) = 'boolean'::text)
    WHEN 'interval'::text THEN ((jsonb_typeof(value) = 'string'::text) AND (((value #>> '{}'::text[]))::interval IS NOT NULL))
    ELSE NULL::boolean
END),
    CONSTRAINT settings_value_type_known CHECK ((value_type = ANY (ARRAY['text'::text, 'integer'::text, 'numeric'::text, 'boolean'::text, 'interval'::text])))
);

ALTER TABLE ONLY monay.settings FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.settings OWNER TO monay_owner;
--
-- Name: TABLE settings; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.settings IS 'The seed''s configuration as typed data. Read with monay.get_setting(key); changed only by monay_platform through monay.set_setting(key, value).';

--
-- Name: set_setting(text, jsonb); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.set_setting(p_key text, p_value jsonb) RETURNS monay.settings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Changes one setting; platform context only (42501). MT101 unknown key,
   MT102 a value of the wrong type or one that is refused
   (TENANT_ISOLATION_ENABLED cannot be turned off). Audited by trigger. */
DECLARE
    v_row monay.settings;
BEGIN
    IF NOT coalesce(monay.is_platform_context(), false) THEN
        RAISE EXCEPTION 'set_setting(%) needs the platform context', p_key USING ERRCODE = '42501';
    END IF;
    BEGIN
        UPDATE monay.settings s SET value = p_value, updated_at = now()
        WHERE s.key = p_key
        RETURNING s.* INTO v_row;
    EXCEPTION WHEN check_violation OR not_null_violation OR invalid_datetime_format
                   OR invalid_text_representation THEN
        RAISE EXCEPTION 'setting % refuses value %', p_key, coalesce(p_value::text, 'NULL')
            USING ERRCODE = 'MT102', DETAIL = SQLERRM;
    END;
    IF v_row.key IS NULL THEN
        RAISE EXCEPTION 'unknown setting %', coalesce(quote_literal(p_key), 'NULL') USING ERRCODE = 'MT101';
    END IF;
    RETURN v_row;
END;
$$;

ALTER FUNCTION monay.set_setting(p_key text, p_value jsonb) OWNER TO monay_owner;
--
-- Name: FUNCTION set_setting(p_key text, p_value jsonb); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.set_setting(p_key text, p_value jsonb) IS 'Platform only: changes one setting (MT101 unknown, MT102 refused value).';

--
-- Name: set_tenant_context(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.set_tenant_context(p_tenant_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* For monay_platform jobs only: this transaction acts inside one tenant
   (any status, so that cleanup and billing jobs reach closed tenants), with
   no user. MT301 when the tenant does not exist, 22023 when NULL. */
DECLARE
    v_found boolean;
BEGIN
    IF p_tenant_id IS NULL THEN
        RAISE EXCEPTION 'set_tenant_context: p_tenant_id must not be NULL' USING ERRCODE = '22023';
    END IF;
    PERFORM monay_private.set_context(NULL, NULL, true);
    SELECT true INTO v_found FROM monay.tenants t WHERE t.id = p_tenant_id;
    IF v_found IS NULL THEN
        PERFORM monay_private.set_context(NULL, NULL, false);
        RAISE EXCEPTION 'tenant % does not exist', p_tenant_id USING ERRCODE = 'MT301';
    END IF;
    PERFORM monay_private.set_context(p_tenant_id, NULL, false);
END;
$$;

ALTER FUNCTION monay.set_tenant_context(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION set_tenant_context(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.set_tenant_context(p_tenant_id uuid) IS 'Platform jobs only: this transaction acts inside one tenant (MT301 if unknown).';

--
-- Name: switch_tenant(uuid); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.switch_tenant(p_tenant_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Moves the authenticated user of this transaction to another of their
   tenants (context switching). Returns {user_id, tenant_id, tenant_code, role}.
   Refusals are recorded durably (audit action switch_refused):
     MT206 nobody is authenticated in this transaction (call authenticate first)
     MT204 the user is not an active member of p_tenant_id
     MT205 that tenant is suspended or closed
     22023 p_tenant_id is NULL */
DECLARE
    v_user   uuid := monay.current_user_id();
    v_from   uuid := monay.current_tenant_id();
    v_role   text;
    v_status text;
    v_code   text;
    v_detail jsonb;
BEGIN
    IF p_tenant_id IS NULL THEN
        RAISE EXCEPTION 'switch_tenant: p_tenant_id must not be NULL' USING ERRCODE = '22023';
    END IF;
    v_detail := jsonb_build_object('from_tenant_id', v_from, 'to_tenant_id', p_tenant_id);
    IF v_user IS NULL THEN
        PERFORM monay_private.refuse_access('switch_refused', 'MT206',
            format('cannot switch to tenant %s: no authenticated user in this transaction', p_tenant_id),
            NULL, NULL, v_detail);
    END IF;
    -- Re-sign the same user without a tenant: RLS then shows this user's own memberships.
    PERFORM monay_private.set_context(NULL, v_user, false);
    SELECT tu.role INTO v_role FROM monay.tenant_users tu
    WHERE tu.tenant_id = p_tenant_id AND tu.user_id = v_user AND tu.status = 'active';
    IF v_role IS NULL THEN
        PERFORM monay_private.refuse_access('switch_refused', 'MT204',
            format('user %s is not an active member of tenant %s', v_user, p_tenant_id),
            p_tenant_id, v_user, v_detail);
    END IF;
    SELECT t.status, t.tenant_code INTO v_status, v_code FROM monay.tenants t WHERE t.id = p_tenant_id;
    IF v_status IS DISTINCT FROM 'active' THEN
        PERFORM monay_private.refuse_access('switch_refused', 'MT205',
            format('tenant %s is %s', p_tenant_id, coalesce(v_status, 'unknown')),
            p_tenant_id, v_user, v_detail);
    END IF;
    PERFORM monay_private.set_context(p_tenant_id, v_user, false);
    RETURN jsonb_build_object('user_id', v_user, 'tenant_id', p_tenant_id, 'tenant_code', v_code,
                              'role', v_role);
END;
$$;

ALTER FUNCTION monay.switch_tenant(p_tenant_id uuid) OWNER TO monay_owner;
--
-- Name: FUNCTION switch_tenant(p_tenant_id uuid); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.switch_tenant(p_tenant_id uuid) IS 'Switches the authenticated user to another of their active tenants (MT204, MT205, MT206).';

--
-- Name: tenant_code_check_char(text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.tenant_code_check_char(p_digits text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Weighted sum of the digits (weights 1, 2, 3, ... from the left) modulo 23,
   as a letter of ABCDEFGHJKLMNPQRSTUVWXY. 23 is prime and above every weight
   and every digit difference, so any single wrong digit and any swap of two
   neighbouring digits changes the letter (up to 22 digits). */
    SELECT substr('ABCDEFGHJKLMNPQRSTUVWXY',
                  1 + (sum(substr(p_digits, i, 1)::int * i) % 23)::int, 1)
    FROM generate_series(1, length(p_digits)) AS i
$$;

ALTER FUNCTION monay.tenant_code_check_char(p_digits text) OWNER TO monay_owner;
--
-- Name: FUNCTION tenant_code_check_char(p_digits text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.tenant_code_check_char(p_digits text) IS 'Check letter of a tenant code''s digits (weighted sum mod 23).';

--
-- Name: tenant_code_is_valid(text); Type: FUNCTION; Schema: monay; Owner: monay_owner
--

CREATE FUNCTION monay.tenant_code_is_valid(p_code text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* True when p_code is TNT-<6 to 22 digits>-<its check letter>. */
    SELECT coalesce(p_code ~ '^TNT-[0-9]{6,22}-[A-Z]$'
        AND right(p_code, 1) = monay.tenant_code_check_char(split_part(p_code, '-', 2)), false)
$_$;

ALTER FUNCTION monay.tenant_code_is_valid(p_code text) OWNER TO monay_owner;
--
-- Name: FUNCTION tenant_code_is_valid(p_code text); Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON FUNCTION monay.tenant_code_is_valid(p_code text) IS 'True for a well-formed tenant code whose check letter matches (catches typos).';

--
-- Name: audit_log_append_only(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* BEFORE UPDATE/DELETE/TRUNCATE trigger on monay.audit_log: the log is
   append-only for every role, its owner included (42501). */
BEGIN
    RAISE EXCEPTION 'monay.audit_log is append-only: % refused', TG_OP USING ERRCODE = '42501';
END;
$$;

ALTER FUNCTION monay_private.audit_log_append_only() OWNER TO monay_owner;
--
-- Name: FUNCTION audit_log_append_only(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.audit_log_append_only() IS 'Refuses UPDATE, DELETE and TRUNCATE on monay.audit_log.';

--
-- Name: audit_row_change(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.audit_row_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* AFTER ROW trigger: one monay.audit_log row per change of an audited table,
   with the acting user and tenant context, old and new values and the txid.
   The row's tenant is its tenant_id column, or id for monay.tenants, or NULL
   for global tables (settings). TG_ARGV[0], when given, names the key column. */
DECLARE
    v_old    jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    v_new    jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
    v_row    jsonb := coalesce(v_new, v_old);
    v_tenant uuid;
    v_ctx    record;
BEGIN
    IF TG_TABLE_NAME = 'tenants' THEN
        v_tenant := (v_row ->> 'id')::uuid;
    ELSIF v_row ? 'tenant_id' THEN
        v_tenant := (v_row ->> 'tenant_id')::uuid;
    END IF;
    SELECT * INTO v_ctx FROM monay_private.verified_context();
    INSERT INTO monay.audit_log (tenant_id, context_tenant_id, actor_user_id, action, table_name,
                                 row_key, old_values, new_values, detail, txid)
    VALUES (v_tenant, v_ctx.tenant_id, v_ctx.user_id, TG_OP, TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME,
            CASE WHEN TG_NARGS > 0 THEN jsonb_build_object(TG_ARGV[0], v_row -> TG_ARGV[0]) END,
            v_old, v_new,
            CASE WHEN v_ctx.platform THEN '{"platform": true}'::jsonb END,
            txid_current());
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.audit_row_change() OWNER TO monay_owner;
--
-- Name: FUNCTION audit_row_change(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.audit_row_change() IS 'AFTER ROW trigger writing monay.audit_log (who, which context, old/new values, txid).';

--
-- Name: base64url_decode(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.base64url_decode(p_text text) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Decodes base64url without padding (RFC 7515 section 2), as JWTs use it.
   Raises 22023 (from decode) on characters outside the alphabet. */
    SELECT decode(
        rpad(translate(p_text, '-_', '+/'),
             length(p_text) + (4 - length(p_text) % 4) % 4, '='),
        'base64')
$$;

ALTER FUNCTION monay_private.base64url_decode(p_text text) OWNER TO monay_owner;
--
-- Name: FUNCTION base64url_decode(p_text text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.base64url_decode(p_text text) IS 'base64url (no padding) to bytea, for JWT segments.';

--
-- Name: base64url_encode(bytea); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.base64url_encode(p_data bytea) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* base64url without padding (RFC 7515 section 2). */
    SELECT translate(encode(p_data, 'base64'), E'+/=\n', '-_')
$$;

ALTER FUNCTION monay_private.base64url_encode(p_data bytea) OWNER TO monay_owner;
--
-- Name: FUNCTION base64url_encode(p_data bytea); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.base64url_encode(p_data bytea) IS 'bytea to base64url without padding, for JWT signatures.';

--
-- Name: configure_audit_link(text); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.configure_audit_link(p_dsn text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Stores the libpq connection string for durable security events (a login
   role in monay_audit, this database). Called by the DBA (or `monaydb
   migrate` on the embedded cluster); NULL or '' removes it. */
BEGIN
    IF nullif(btrim(p_dsn), '') IS NULL THEN
        DELETE FROM monay_private.audit_link;
        RETURN;
    END IF;
    INSERT INTO monay_private.audit_link (dsn) VALUES (p_dsn)
    ON CONFLICT (singleton) DO UPDATE SET dsn = excluded.dsn, updated_at = now();
END;
$$;

ALTER FUNCTION monay_private.configure_audit_link(p_dsn text) OWNER TO monay_owner;
--
-- Name: FUNCTION configure_audit_link(p_dsn text); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.configure_audit_link(p_dsn text) IS 'Sets the dblink DSN used to write security events durably (DBA only).';

--
-- Name: context_signature(uuid, uuid, boolean); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.context_signature(p_tenant_id uuid, p_user_id uuid, p_platform boolean) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* HMAC-SHA256 of the context, bound to this backend and this transaction's
   start time, so that a signature copied out of one transaction opens
   nothing in another (nor through a pooler on another backend). */
    SELECT encode(public.hmac(
        convert_to(concat_ws('|',
            coalesce(p_tenant_id::text, ''), coalesce(p_user_id::text, ''),
            p_platform::text, pg_backend_pid()::text,
            extract(epoch FROM transaction_timestamp())::text), 'UTF8'),
        (SELECT k.signing_key FROM monay_private.context_key k),
        'sha256'), 'hex')
$$;

ALTER FUNCTION monay_private.context_signature(p_tenant_id uuid, p_user_id uuid, p_platform boolean) OWNER TO monay_owner;
--
-- Name: record_security_event(text, uuid, uuid, jsonb); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Records a refused login or tenant switch so that it survives the rollback
   of the caller's transaction: the row is written over a dblink connection
   to this same database (its own transaction, committed at once), using the
   DSN of monay_private.audit_link. Returns true when written durably. When no
   link is configured or it fails, the event is still counted by
   monay_private.security_event_seq (sequences ignore rollbacks) and reported
   as a WARNING in the server log; the caller's error is raised either way. */
DECLARE
    v_dsn  text;
    v_conn text := 'monay_audit_' || pg_backend_pid();
    v_sql  text;
BEGIN
    PERFORM nextval('monay_private.security_event_seq');
    SELECT l.dsn INTO v_dsn FROM monay_private.audit_link l;
    IF v_dsn IS NULL THEN
        RAISE WARNING 'monay security event % (tenant %, user %) not recorded durably: no audit link configured',
            p_action, p_tenant_id, p_user_id;
        RETURN false;
    END IF;
    v_sql := format('SELECT monay_private.write_security_event(%L, %L, %L, %L, %L, %L)',
                    p_action, p_tenant_id, p_user_id, p_detail, session_user,
                    pg_current_xact_id_if_assigned());
    BEGIN
        PERFORM monay_private.dblink_connect_u(v_conn, v_dsn);
        PERFORM monay_private.dblink_exec(v_conn, v_sql);
        PERFORM monay_private.dblink_disconnect(v_conn);
    EXCEPTION WHEN OTHERS THEN
        IF v_conn = ANY (coalesce(monay_private.dblink_get_connections(), '{}')) THEN
            PERFORM monay_private.dblink_disconnect(v_conn);
        END IF;
        RAISE WARNING 'monay security event % (tenant %, user %) not recorded durably: %',
            p_action, p_tenant_id, p_user_id, SQLERRM;
        RETURN false;
    END;
    RETURN true;
END;
$$;

ALTER FUNCTION monay_private.record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) OWNER TO monay_owner;
--
-- Name: FUNCTION record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) IS 'Durable (dblink) audit row for a refused login or switch; survives the caller''s rollback.';

--
-- Name: record_tier_change(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.record_tier_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* AFTER INSERT OR UPDATE OF billing_tier, gross_margin_percent on
   monay.tenants: appends the tenant's tier and margin to
   monay.tenant_tier_history, effective from the tenant's created_at (INSERT)
   or from now() (a change). Two changes in one transaction share now(): the
   later one overwrites the earlier (the history keeps one row per instant).
   changed_by is the user of the verified context (NULL for platform jobs).
   Not SECURITY DEFINER on purpose: it writes as whoever changed the tenant
   (monay_owner inside our SECURITY DEFINER functions), through RLS like any
   other row, so the context that could write the tenant writes its history
   (same tenant_id range) and a superuser fixture bypasses RLS for both.
   Raises nothing of its own; an UPDATE that leaves both columns unchanged
   writes nothing. */
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.billing_tier IS NOT DISTINCT FROM OLD.billing_tier
       AND NEW.gross_margin_percent IS NOT DISTINCT FROM OLD.gross_margin_percent THEN
        RETURN NULL;
    END IF;
    INSERT INTO monay.tenant_tier_history AS h
        (tenant_id, effective_at, billing_tier, gross_margin_percent, changed_by)
    VALUES (NEW.id,
            CASE WHEN TG_OP = 'INSERT' THEN NEW.created_at ELSE now() END,
            NEW.billing_tier, NEW.gross_margin_percent, monay.current_user_id())
    ON CONFLICT (tenant_id, effective_at) DO UPDATE
        SET billing_tier = excluded.billing_tier,
            gross_margin_percent = excluded.gross_margin_percent,
            changed_by = excluded.changed_by;
    RETURN NULL;
END;
$$;

ALTER FUNCTION monay_private.record_tier_change() OWNER TO monay_owner;
--
-- Name: FUNCTION record_tier_change(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.record_tier_change() IS 'Trigger: appends a tenant''s billing tier and margin to monay.tenant_tier_history on insert/change.';

--
-- Name: refuse_access(text, text, text, uuid, uuid, jsonb); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Records a refused login or switch durably (record_security_event), then
   raises p_sqlstate with p_message. Never returns. */
BEGIN
    PERFORM monay_private.record_security_event(
        p_action, p_tenant_id, p_user_id,
        coalesce(p_detail, '{}'::jsonb) || jsonb_build_object('sqlstate', p_sqlstate, 'reason', p_message));
    RAISE EXCEPTION USING ERRCODE = p_sqlstate, MESSAGE = p_message;
END;
$$;

ALTER FUNCTION monay_private.refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) OWNER TO monay_owner;
--
-- Name: FUNCTION refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) IS 'Durably records a refused login/switch, then raises the given SQLSTATE.';

--
-- Name: set_context(uuid, uuid, boolean); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.set_context(p_tenant_id uuid, p_user_id uuid, p_platform boolean) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* Sets the signed, transaction-local context (SET LOCAL, which Citus
   propagates). Only functions of ours call it; no application role can. */
BEGIN
    EXECUTE format('SET LOCAL monay.tenant_id = %L', coalesce(p_tenant_id::text, ''));
    EXECUTE format('SET LOCAL monay.user_id = %L', coalesce(p_user_id::text, ''));
    EXECUTE format('SET LOCAL monay.platform = %L', p_platform::text);
    EXECUTE format('SET LOCAL monay.context_signature = %L',
                   monay_private.context_signature(p_tenant_id, p_user_id, p_platform));
END;
$$;

ALTER FUNCTION monay_private.set_context(p_tenant_id uuid, p_user_id uuid, p_platform boolean) OWNER TO monay_owner;
--
-- Name: tenants_fill_defaults(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.tenants_fill_defaults() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* BEFORE INSERT/UPDATE on monay.tenants: a tenant inserted without a name is
   named by its code; updated_at and status_changed_at follow the row. */
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.name := coalesce(NEW.name, NEW.tenant_code);
    ELSE
        NEW.updated_at := now();
        IF NEW.status IS DISTINCT FROM OLD.status THEN
            NEW.status_changed_at := now();
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

ALTER FUNCTION monay_private.tenants_fill_defaults() OWNER TO monay_owner;
--
-- Name: FUNCTION tenants_fill_defaults(); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.tenants_fill_defaults() IS 'Defaults a tenant''s name to its code; maintains updated_at and status_changed_at.';

--
-- Name: verified_context(); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.verified_context(OUT tenant_id uuid, OUT user_id uuid, OUT platform boolean) RETURNS record
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
/* The context if its signature checks out, else nothing (NULL, NULL, false):
   a context forged with SET or set_config opens nothing. */
DECLARE
    c_uuid constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
    v_sig      text := nullif(current_setting('monay.context_signature', true), '');
    v_tenant   text := nullif(current_setting('monay.tenant_id', true), '');
    v_user     text := nullif(current_setting('monay.user_id', true), '');
    v_platform text := nullif(current_setting('monay.platform', true), '');
BEGIN
    platform := false;
    IF v_sig IS NULL
       OR (v_tenant IS NOT NULL AND v_tenant !~ c_uuid)
       OR (v_user IS NOT NULL AND v_user !~ c_uuid)
       OR v_platform IS NULL OR v_platform NOT IN ('true', 'false') THEN
        RETURN;
    END IF;
    IF v_sig IS DISTINCT FROM monay_private.context_signature(
            v_tenant::uuid, v_user::uuid, v_platform::boolean) THEN
        RETURN;
    END IF;
    tenant_id := v_tenant::uuid;
    user_id := v_user::uuid;
    platform := v_platform::boolean;
END;
$_$;

ALTER FUNCTION monay_private.verified_context(OUT tenant_id uuid, OUT user_id uuid, OUT platform boolean) OWNER TO monay_owner;
--
-- Name: write_security_event(text, uuid, uuid, jsonb, text, xid8); Type: FUNCTION; Schema: monay_private; Owner: monay_owner
--

CREATE FUNCTION monay_private.write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
/* The remote half of record_security_event: runs in the dblink session (as
   a member of monay_audit) and inserts the audit row, which commits with that
   session's own transaction. Only auth_refused and switch_refused. */
BEGIN
    IF p_action NOT IN ('auth_refused', 'switch_refused') THEN
        RAISE EXCEPTION 'not a security event: %', p_action USING ERRCODE = '22023';
    END IF;
    INSERT INTO monay.audit_log (tenant_id, context_tenant_id, actor_user_id, db_user, action,
                                 detail, txid)
    VALUES (p_tenant_id, NULL, p_user_id, coalesce(p_db_user, session_user), p_action,
            p_detail, p_txid::text::bigint);
END;
$$;

ALTER FUNCTION monay_private.write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8) OWNER TO monay_owner;
--
-- Name: FUNCTION write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8); Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON FUNCTION monay_private.write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8) IS 'Inserts one security event into monay.audit_log (called over dblink by record_security_event).';

--
-- Name: audit_log; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.audit_log (
    id bigint NOT NULL,
    occurred_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    tenant_id uuid,
    context_tenant_id uuid,
    actor_user_id uuid,
    db_user text DEFAULT SESSION_USER NOT NULL,
    action text NOT NULL,
    table_name text,
    row_key jsonb,
    old_values jsonb,
    new_values jsonb,
    detail jsonb,
    txid bigint,
    CONSTRAINT audit_log_action_known CHECK ((action = ANY (ARRAY['INSERT'::text, 'UPDATE'::text, 'DELETE'::text, 'auth_refused'::text, 'switch_refused'::text])))
);

ALTER TABLE ONLY monay.audit_log FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.audit_log OWNER TO monay_owner;
--
-- Name: TABLE audit_log; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.audit_log IS 'Append-only audit trail: row changes of tenants, tenant_users, settings; refused logins and switches. tenant_id NULL: not about one tenant (platform only).';

--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME monay.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: cards; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.cards (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    wallet_id uuid NOT NULL,
    brand text NOT NULL,
    last4 text NOT NULL,
    expires_on date NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    spend_limit_cents bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT cards_brand_known CHECK ((brand = ANY (ARRAY['visa'::text, 'mastercard'::text, 'amex'::text]))),
    CONSTRAINT cards_last4_format CHECK ((last4 ~ '^[0-9]{4}$'::text)),
    CONSTRAINT cards_spend_limit_not_negative CHECK (((spend_limit_cents IS NULL) OR (spend_limit_cents >= 0))),
    CONSTRAINT cards_status_known CHECK ((status = ANY (ARRAY['active'::text, 'frozen'::text, 'cancelled'::text])))
);

ALTER TABLE ONLY monay.cards FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.cards OWNER TO monay_owner;
--
-- Name: invoices; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.invoices (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    invoice_number text NOT NULL,
    customer_name text NOT NULL,
    amount_cents bigint NOT NULL,
    currency text DEFAULT 'USD'::text NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    due_date date,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT invoices_amount_not_negative CHECK ((amount_cents >= 0)),
    CONSTRAINT invoices_status_known CHECK ((status = ANY (ARRAY['draft'::text, 'sent'::text, 'paid'::text, 'void'::text, 'overdue'::text])))
);

ALTER TABLE ONLY monay.invoices FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.invoices OWNER TO monay_owner;
--
-- Name: tenant_code_seq; Type: SEQUENCE; Schema: monay; Owner: monay_owner
--

CREATE SEQUENCE monay.tenant_code_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE monay.tenant_code_seq OWNER TO monay_owner;
--
-- Name: tenant_tier_history; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.tenant_tier_history (
    tenant_id uuid NOT NULL,
    effective_at timestamp with time zone NOT NULL,
    billing_tier text NOT NULL,
    gross_margin_percent numeric(5,2) NOT NULL,
    changed_by uuid
);

ALTER TABLE ONLY monay.tenant_tier_history FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.tenant_tier_history OWNER TO monay_owner;
--
-- Name: TABLE tenant_tier_history; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.tenant_tier_history IS 'Billing tier and margin of each tenant from effective_at on (trigger-maintained); for proration.';

--
-- Name: tenant_users; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.tenant_users (
    tenant_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text DEFAULT 'member'::text NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tenant_users_role_known CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text, 'member'::text, 'viewer'::text]))),
    CONSTRAINT tenant_users_status_known CHECK ((status = ANY (ARRAY['active'::text, 'removed'::text])))
);

ALTER TABLE ONLY monay.tenant_users FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.tenant_users OWNER TO monay_owner;
--
-- Name: TABLE tenant_users; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.tenant_users IS 'Memberships: a user''s role in a tenant. At most MAX_TENANTS_PER_USER active per user.';

--
-- Name: tenants; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.tenants (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_code text DEFAULT monay.generate_tenant_code() NOT NULL,
    name text NOT NULL,
    tenant_type text DEFAULT 'individual'::text NOT NULL,
    billing_tier text DEFAULT 'free'::text NOT NULL,
    gross_margin_percent numeric(5,2) DEFAULT 0 NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    status_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    purge_after timestamp with time zone,
    purged_at timestamp with time zone,
    CONSTRAINT tenants_billing_tier_known CHECK ((billing_tier = ANY (ARRAY['free'::text, 'small_business'::text, 'enterprise'::text]))),
    CONSTRAINT tenants_gross_margin_within_tier CHECK ((((billing_tier = 'free'::text) AND (gross_margin_percent = (0)::numeric)) OR ((billing_tier = 'small_business'::text) AND ((gross_margin_percent >= (60)::numeric) AND (gross_margin_percent <= (70)::numeric))) OR ((billing_tier = 'enterprise'::text) AND ((gross_margin_percent >= (70)::numeric) AND (gross_margin_percent <= (90)::numeric))))),
    CONSTRAINT tenants_name_not_blank CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200))),
    CONSTRAINT tenants_purge_only_when_closed CHECK (((purge_after IS NULL) OR (status = 'closed'::text))),
    CONSTRAINT tenants_status_known CHECK ((status = ANY (ARRAY['active'::text, 'suspended'::text, 'closed'::text]))),
    CONSTRAINT tenants_tenant_code_valid CHECK (monay.tenant_code_is_valid(tenant_code)),
    CONSTRAINT tenants_tenant_type_known CHECK ((tenant_type = ANY (ARRAY['individual'::text, 'household'::text, 'small_business'::text, 'enterprise'::text, 'holding_company'::text])))
);

ALTER TABLE ONLY monay.tenants FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.tenants OWNER TO monay_owner;
--
-- Name: TABLE tenants; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.tenants IS 'Vaults: one per customer. Margin CHECK per tier: free 0, small_business 60-70, enterprise 70-90.';

--
-- Name: transactions; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.transactions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wallet_id uuid NOT NULL,
    counterparty_wallet_id uuid,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT transactions_amount_positive CHECK ((amount_cents > 0)),
    CONSTRAINT transactions_kind_known CHECK ((kind = ANY (ARRAY['deposit'::text, 'withdrawal'::text, 'transfer'::text, 'payment'::text, 'refund'::text, 'fee'::text]))),
    CONSTRAINT transactions_status_known CHECK ((status = ANY (ARRAY['pending'::text, 'completed'::text, 'failed'::text, 'reversed'::text])))
);

ALTER TABLE ONLY monay.transactions FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.transactions OWNER TO monay_owner;
--
-- Name: users; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email text NOT NULL,
    display_name text NOT NULL,
    user_type text DEFAULT 'individual'::text NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_display_name_not_blank CHECK (((length(btrim(display_name)) >= 1) AND (length(btrim(display_name)) <= 200))),
    CONSTRAINT users_email_format CHECK (((email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'::text) AND (length(email) <= 254))),
    CONSTRAINT users_status_known CHECK ((status = ANY (ARRAY['active'::text, 'disabled'::text]))),
    CONSTRAINT users_user_type_known CHECK ((user_type = ANY (ARRAY['individual'::text, 'business'::text])))
);

ALTER TABLE ONLY monay.users FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.users OWNER TO monay_owner;
--
-- Name: TABLE users; Type: COMMENT; Schema: monay; Owner: monay_owner
--

COMMENT ON TABLE monay.users IS 'People and businesses that log in. Global (not tenant-scoped); email unique case-insensitively.';

--
-- Name: wallets; Type: TABLE; Schema: monay; Owner: monay_owner
--

CREATE TABLE monay.wallets (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    currency text DEFAULT 'USD'::text NOT NULL,
    balance_cents bigint DEFAULT 0 NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT wallets_balance_not_negative CHECK ((balance_cents >= 0)),
    CONSTRAINT wallets_currency_format CHECK ((currency ~ '^[A-Z]{3,6}$'::text)),
    CONSTRAINT wallets_status_known CHECK ((status = ANY (ARRAY['active'::text, 'frozen'::text, 'closed'::text])))
);

ALTER TABLE ONLY monay.wallets FORCE ROW LEVEL SECURITY;

ALTER TABLE monay.wallets OWNER TO monay_owner;
--
-- Name: audit_link; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.audit_link (
    singleton boolean DEFAULT true NOT NULL,
    dsn text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT audit_link_singleton_check CHECK (singleton)
);

ALTER TABLE monay_private.audit_link OWNER TO monay_owner;
--
-- Name: TABLE audit_link; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.audit_link IS 'libpq connection string that dblink uses to write security events outside the caller''s transaction.';

--
-- Name: context_key; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.context_key (
    singleton boolean DEFAULT true NOT NULL,
    signing_key bytea DEFAULT public.gen_random_bytes(32) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT context_key_singleton_check CHECK (singleton)
);

ALTER TABLE monay_private.context_key OWNER TO monay_owner;
--
-- Name: TABLE context_key; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.context_key IS 'HMAC key that signs the transaction context. Never leaves monay_private.';

--
-- Name: jwt_secrets; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.jwt_secrets (
    id bigint NOT NULL,
    secret bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    retired_at timestamp with time zone,
    CONSTRAINT jwt_secrets_secret_check CHECK ((length(secret) >= 32))
);

ALTER TABLE monay_private.jwt_secrets OWNER TO monay_owner;
--
-- Name: TABLE jwt_secrets; Type: COMMENT; Schema: monay_private; Owner: monay_owner
--

COMMENT ON TABLE monay_private.jwt_secrets IS 'HS256 secret(s) for monay.authenticate; one current, set by monay.set_jwt_secret.';

--
-- Name: jwt_secrets_id_seq; Type: SEQUENCE; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE monay_private.jwt_secrets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME monay_private.jwt_secrets_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: security_event_seq; Type: SEQUENCE; Schema: monay_private; Owner: monay_owner
--

CREATE SEQUENCE monay_private.security_event_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE monay_private.security_event_seq OWNER TO monay_owner;
--
-- Name: user_tenant_counts; Type: TABLE; Schema: monay_private; Owner: monay_owner
--

CREATE TABLE monay_private.user_tenant_counts (
    user_id uuid NOT NULL,
    active_tenants bigint DEFAULT 0 NOT NULL,
    CONSTRAINT user_tenant_counts_active_tenants_check CHECK ((active_tenants >= 0))
);

ALTER TABLE monay_private.user_tenant_counts OWNER TO monay_owner;
--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);

--
-- Name: cards cards_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.cards
    ADD CONSTRAINT cards_pkey PRIMARY KEY (id);

--
-- Name: invoices invoices_invoice_number_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.invoices
    ADD CONSTRAINT invoices_invoice_number_key UNIQUE (invoice_number);

--
-- Name: invoices invoices_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.invoices
    ADD CONSTRAINT invoices_pkey PRIMARY KEY (id);

--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);

--
-- Name: tenant_tier_history tenant_tier_history_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_tier_history
    ADD CONSTRAINT tenant_tier_history_pkey PRIMARY KEY (tenant_id, effective_at);

--
-- Name: tenant_users tenant_users_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_users
    ADD CONSTRAINT tenant_users_pkey PRIMARY KEY (tenant_id, user_id);

--
-- Name: tenants tenants_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);

--
-- Name: tenants tenants_tenant_code_key; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenants
    ADD CONSTRAINT tenants_tenant_code_key UNIQUE (tenant_code);

--
-- Name: transactions transactions_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions
    ADD CONSTRAINT transactions_pkey PRIMARY KEY (id);

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: wallets wallets_pkey; Type: CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.wallets
    ADD CONSTRAINT wallets_pkey PRIMARY KEY (id);

--
-- Name: audit_link audit_link_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.audit_link
    ADD CONSTRAINT audit_link_pkey PRIMARY KEY (singleton);

--
-- Name: context_key context_key_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.context_key
    ADD CONSTRAINT context_key_pkey PRIMARY KEY (singleton);

--
-- Name: jwt_secrets jwt_secrets_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.jwt_secrets
    ADD CONSTRAINT jwt_secrets_pkey PRIMARY KEY (id);

--
-- Name: user_tenant_counts user_tenant_counts_pkey; Type: CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.user_tenant_counts
    ADD CONSTRAINT user_tenant_counts_pkey PRIMARY KEY (user_id);

--
-- Name: audit_log_action_occurred_at_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX audit_log_action_occurred_at_idx ON monay.audit_log USING btree (action, occurred_at) WHERE (action = ANY (ARRAY['auth_refused'::text, 'switch_refused'::text]));

--
-- Name: audit_log_tenant_id_occurred_at_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX audit_log_tenant_id_occurred_at_idx ON monay.audit_log USING btree (tenant_id, occurred_at);

--
-- Name: cards_user_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX cards_user_id_idx ON monay.cards USING btree (user_id);

--
-- Name: cards_wallet_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX cards_wallet_id_idx ON monay.cards USING btree (wallet_id);

--
-- Name: invoices_user_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX invoices_user_id_idx ON monay.invoices USING btree (user_id);

--
-- Name: tenant_users_user_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX tenant_users_user_id_idx ON monay.tenant_users USING btree (user_id, tenant_id) WHERE (status = 'active'::text);

--
-- Name: tenants_purge_after_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX tenants_purge_after_idx ON monay.tenants USING btree (purge_after) WHERE (purge_after IS NOT NULL);

--
-- Name: transactions_counterparty_wallet_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX transactions_counterparty_wallet_id_idx ON monay.transactions USING btree (counterparty_wallet_id);

--
-- Name: transactions_wallet_id_created_at_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX transactions_wallet_id_created_at_idx ON monay.transactions USING btree (wallet_id, created_at);

--
-- Name: users_email_lower_key; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE UNIQUE INDEX users_email_lower_key ON monay.users USING btree (lower(email));

--
-- Name: wallets_user_id_idx; Type: INDEX; Schema: monay; Owner: monay_owner
--

CREATE INDEX wallets_user_id_idx ON monay.wallets USING btree (user_id);

--
-- Name: jwt_secrets_one_current; Type: INDEX; Schema: monay_private; Owner: monay_owner
--

CREATE UNIQUE INDEX jwt_secrets_one_current ON monay_private.jwt_secrets USING btree ((true)) WHERE (retired_at IS NULL);

--
-- Name: audit_log audit_log_no_truncate; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON monay.audit_log FOR EACH STATEMENT EXECUTE FUNCTION monay_private.audit_log_append_only();

--
-- Name: audit_log audit_log_no_update_delete; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER audit_log_no_update_delete BEFORE DELETE OR UPDATE ON monay.audit_log FOR EACH ROW EXECUTE FUNCTION monay_private.audit_log_append_only();

--
-- Name: settings settings_audit; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER settings_audit AFTER INSERT OR DELETE OR UPDATE ON monay.settings FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('key');

--
-- Name: tenant_users tenant_users_audit; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenant_users_audit AFTER INSERT OR DELETE OR UPDATE ON monay.tenant_users FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('user_id');

--
-- Name: tenants tenants_audit; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenants_audit AFTER INSERT OR DELETE OR UPDATE ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.audit_row_change('id');

--
-- Name: tenants tenants_fill_defaults; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenants_fill_defaults BEFORE INSERT OR UPDATE ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.tenants_fill_defaults();

--
-- Name: tenants tenants_record_tier_change; Type: TRIGGER; Schema: monay; Owner: monay_owner
--

CREATE TRIGGER tenants_record_tier_change AFTER INSERT OR UPDATE OF billing_tier, gross_margin_percent ON monay.tenants FOR EACH ROW EXECUTE FUNCTION monay_private.record_tier_change();

--
-- Name: cards cards_user_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.cards
    ADD CONSTRAINT cards_user_id_fkey FOREIGN KEY (user_id) REFERENCES monay.users(id);

--
-- Name: cards cards_wallet_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.cards
    ADD CONSTRAINT cards_wallet_id_fkey FOREIGN KEY (wallet_id) REFERENCES monay.wallets(id);

--
-- Name: invoices invoices_user_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.invoices
    ADD CONSTRAINT invoices_user_id_fkey FOREIGN KEY (user_id) REFERENCES monay.users(id);

--
-- Name: tenant_tier_history tenant_tier_history_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_tier_history
    ADD CONSTRAINT tenant_tier_history_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id);

--
-- Name: tenant_users tenant_users_tenant_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_users
    ADD CONSTRAINT tenant_users_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES monay.tenants(id);

--
-- Name: tenant_users tenant_users_user_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.tenant_users
    ADD CONSTRAINT tenant_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES monay.users(id);

--
-- Name: transactions transactions_counterparty_wallet_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions
    ADD CONSTRAINT transactions_counterparty_wallet_id_fkey FOREIGN KEY (counterparty_wallet_id) REFERENCES monay.wallets(id);

--
-- Name: transactions transactions_wallet_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.transactions
    ADD CONSTRAINT transactions_wallet_id_fkey FOREIGN KEY (wallet_id) REFERENCES monay.wallets(id);

--
-- Name: wallets wallets_user_id_fkey; Type: FK CONSTRAINT; Schema: monay; Owner: monay_owner
--

ALTER TABLE ONLY monay.wallets
    ADD CONSTRAINT wallets_user_id_fkey FOREIGN KEY (user_id) REFERENCES monay.users(id);

--
-- Name: user_tenant_counts user_tenant_counts_user_id_fkey; Type: FK CONSTRAINT; Schema: monay_private; Owner: monay_owner
--

ALTER TABLE ONLY monay_private.user_tenant_counts
    ADD CONSTRAINT user_tenant_counts_user_id_fkey FOREIGN KEY (user_id) REFERENCES monay.users(id);

--
-- Name: audit_log; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.audit_log ENABLE ROW LEVEL SECURITY;
--
-- Name: audit_log audit_log_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY audit_log_delete ON monay.audit_log FOR DELETE USING (false);

--
-- Name: audit_log audit_log_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY audit_log_insert ON monay.audit_log FOR INSERT WITH CHECK (true);

--
-- Name: audit_log audit_log_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY audit_log_select ON monay.audit_log FOR SELECT USING ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR ((tenant_id IS NULL) AND ( SELECT monay.is_platform_context() AS is_platform_context))));

--
-- Name: audit_log audit_log_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY audit_log_update ON monay.audit_log FOR UPDATE USING (false);

--
-- Name: cards; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.cards ENABLE ROW LEVEL SECURITY;
--
-- Name: cards cards_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY cards_delete ON monay.cards FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: cards cards_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY cards_insert ON monay.cards FOR INSERT WITH CHECK (((user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context)));

--
-- Name: cards cards_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY cards_select ON monay.cards FOR SELECT USING (((user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context)));

--
-- Name: cards cards_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY cards_update ON monay.cards FOR UPDATE USING (((user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context)));

--
-- Name: invoices; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.invoices ENABLE ROW LEVEL SECURITY;
--
-- Name: invoices invoices_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY invoices_delete ON monay.invoices FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: invoices invoices_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY invoices_insert ON monay.invoices FOR INSERT WITH CHECK (((user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context)));

--
-- Name: invoices invoices_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY invoices_select ON monay.invoices FOR SELECT USING (((user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context)));

--
-- Name: invoices invoices_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY invoices_update ON monay.invoices FOR UPDATE USING (((user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context)));

--
-- Name: settings; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.settings ENABLE ROW LEVEL SECURITY;
--
-- Name: settings settings_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY settings_delete ON monay.settings FOR DELETE USING (false);

--
-- Name: settings settings_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY settings_insert ON monay.settings FOR INSERT WITH CHECK (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: settings settings_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY settings_select ON monay.settings FOR SELECT USING (true);

--
-- Name: settings settings_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY settings_update ON monay.settings FOR UPDATE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: tenant_tier_history; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.tenant_tier_history ENABLE ROW LEVEL SECURITY;
--
-- Name: tenant_tier_history tenant_tier_history_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_tier_history_delete ON monay.tenant_tier_history FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenant_tier_history tenant_tier_history_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_tier_history_insert ON monay.tenant_tier_history FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenant_tier_history tenant_tier_history_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_tier_history_select ON monay.tenant_tier_history FOR SELECT USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenant_tier_history tenant_tier_history_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_tier_history_update ON monay.tenant_tier_history FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenant_users; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.tenant_users ENABLE ROW LEVEL SECURITY;
--
-- Name: tenant_users tenant_users_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_users_delete ON monay.tenant_users FOR DELETE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenant_users tenant_users_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_users_insert ON monay.tenant_users FOR INSERT WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenant_users tenant_users_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_users_select ON monay.tenant_users FOR SELECT USING ((((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR (user_id = ( SELECT monay.current_user_id() AS current_user_id))));

--
-- Name: tenant_users tenant_users_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenant_users_update ON monay.tenant_users FOR UPDATE USING (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((tenant_id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (tenant_id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenants; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.tenants ENABLE ROW LEVEL SECURITY;
--
-- Name: tenants tenants_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenants_delete ON monay.tenants FOR DELETE USING (((id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenants tenants_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenants_insert ON monay.tenants FOR INSERT WITH CHECK (((id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: tenants tenants_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenants_select ON monay.tenants FOR SELECT USING ((((id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))) OR (id IN ( SELECT tu.tenant_id
   FROM monay.tenant_users tu
  WHERE ((tu.user_id = ( SELECT monay.current_user_id() AS current_user_id)) AND (tu.status = 'active'::text))))));

--
-- Name: tenants tenants_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY tenants_update ON monay.tenants FOR UPDATE USING (((id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high)))) WITH CHECK (((id >= ( SELECT monay.rls_tenant_low() AS rls_tenant_low)) AND (id <= ( SELECT monay.rls_tenant_high() AS rls_tenant_high))));

--
-- Name: transactions; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.transactions ENABLE ROW LEVEL SECURITY;
--
-- Name: transactions transactions_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY transactions_delete ON monay.transactions FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: transactions transactions_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY transactions_insert ON monay.transactions FOR INSERT WITH CHECK ((wallet_id IN ( SELECT w.id
   FROM monay.wallets w)));

--
-- Name: transactions transactions_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY transactions_select ON monay.transactions FOR SELECT USING ((wallet_id IN ( SELECT w.id
   FROM monay.wallets w)));

--
-- Name: transactions transactions_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY transactions_update ON monay.transactions FOR UPDATE USING ((wallet_id IN ( SELECT w.id
   FROM monay.wallets w)));

--
-- Name: users; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.users ENABLE ROW LEVEL SECURITY;
--
-- Name: users users_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY users_delete ON monay.users FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: users users_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY users_insert ON monay.users FOR INSERT WITH CHECK (true);

--
-- Name: users users_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY users_select ON monay.users FOR SELECT USING (((id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context) OR (id IN ( SELECT tu.user_id
   FROM monay.tenant_users tu
  WHERE ((tu.tenant_id = ( SELECT monay.current_tenant_id() AS current_tenant_id)) AND (tu.status = 'active'::text))))));

--
-- Name: users users_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY users_update ON monay.users FOR UPDATE USING (((id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context))) WITH CHECK (((id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context)));

--
-- Name: wallets; Type: ROW SECURITY; Schema: monay; Owner: monay_owner
--

ALTER TABLE monay.wallets ENABLE ROW LEVEL SECURITY;
--
-- Name: wallets wallets_delete; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallets_delete ON monay.wallets FOR DELETE USING (( SELECT monay.is_platform_context() AS is_platform_context));

--
-- Name: wallets wallets_insert; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallets_insert ON monay.wallets FOR INSERT WITH CHECK (((user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context)));

--
-- Name: wallets wallets_select; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallets_select ON monay.wallets FOR SELECT USING (((user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context)));

--
-- Name: wallets wallets_update; Type: POLICY; Schema: monay; Owner: monay_owner
--

CREATE POLICY wallets_update ON monay.wallets FOR UPDATE USING (((user_id = ( SELECT monay.current_user_id() AS current_user_id)) OR ( SELECT monay.is_platform_context() AS is_platform_context)));

--
-- Name: SCHEMA monay; Type: ACL; Schema: -; Owner: monay_owner
--

GRANT USAGE ON SCHEMA monay TO monay_app;
GRANT USAGE ON SCHEMA monay TO monay_platform;
GRANT USAGE ON SCHEMA monay TO monay_readonly;

--
-- Name: SCHEMA monay_private; Type: ACL; Schema: -; Owner: monay_owner
--

GRANT USAGE ON SCHEMA monay_private TO monay_audit;

--
-- Name: FUNCTION authenticate(p_token text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.authenticate(p_token text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.authenticate(p_token text) TO monay_app;
GRANT ALL ON FUNCTION monay.authenticate(p_token text) TO monay_readonly;

--
-- Name: FUNCTION current_tenant_id(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.current_tenant_id() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.current_tenant_id() TO monay_app;
GRANT ALL ON FUNCTION monay.current_tenant_id() TO monay_platform;
GRANT ALL ON FUNCTION monay.current_tenant_id() TO monay_readonly;

--
-- Name: FUNCTION current_user_id(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.current_user_id() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.current_user_id() TO monay_app;
GRANT ALL ON FUNCTION monay.current_user_id() TO monay_platform;
GRANT ALL ON FUNCTION monay.current_user_id() TO monay_readonly;

--
-- Name: FUNCTION generate_tenant_code(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.generate_tenant_code() FROM PUBLIC;

--
-- Name: FUNCTION get_setting(p_key text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.get_setting(p_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.get_setting(p_key text) TO monay_app;
GRANT ALL ON FUNCTION monay.get_setting(p_key text) TO monay_platform;
GRANT ALL ON FUNCTION monay.get_setting(p_key text) TO monay_readonly;

--
-- Name: FUNCTION is_platform_context(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.is_platform_context() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.is_platform_context() TO monay_app;
GRANT ALL ON FUNCTION monay.is_platform_context() TO monay_platform;
GRANT ALL ON FUNCTION monay.is_platform_context() TO monay_readonly;

--
-- Name: FUNCTION rls_tenant_high(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.rls_tenant_high() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.rls_tenant_high() TO monay_app;
GRANT ALL ON FUNCTION monay.rls_tenant_high() TO monay_platform;
GRANT ALL ON FUNCTION monay.rls_tenant_high() TO monay_readonly;

--
-- Name: FUNCTION rls_tenant_low(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.rls_tenant_low() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.rls_tenant_low() TO monay_app;
GRANT ALL ON FUNCTION monay.rls_tenant_low() TO monay_platform;
GRANT ALL ON FUNCTION monay.rls_tenant_low() TO monay_readonly;

--
-- Name: FUNCTION set_jwt_secret(p_secret text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.set_jwt_secret(p_secret text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.set_jwt_secret(p_secret text) TO monay_platform;

--
-- Name: FUNCTION set_platform_context(); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.set_platform_context() FROM PUBLIC;
GRANT ALL ON FUNCTION monay.set_platform_context() TO monay_platform;

--
-- Name: TABLE settings; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.settings TO monay_app;
GRANT SELECT ON TABLE monay.settings TO monay_platform;
GRANT SELECT ON TABLE monay.settings TO monay_readonly;

--
-- Name: FUNCTION set_setting(p_key text, p_value jsonb); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.set_setting(p_key text, p_value jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.set_setting(p_key text, p_value jsonb) TO monay_platform;

--
-- Name: FUNCTION set_tenant_context(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.set_tenant_context(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.set_tenant_context(p_tenant_id uuid) TO monay_platform;

--
-- Name: FUNCTION switch_tenant(p_tenant_id uuid); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.switch_tenant(p_tenant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.switch_tenant(p_tenant_id uuid) TO monay_app;
GRANT ALL ON FUNCTION monay.switch_tenant(p_tenant_id uuid) TO monay_readonly;

--
-- Name: FUNCTION tenant_code_check_char(p_digits text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.tenant_code_check_char(p_digits text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.tenant_code_check_char(p_digits text) TO monay_app;
GRANT ALL ON FUNCTION monay.tenant_code_check_char(p_digits text) TO monay_platform;
GRANT ALL ON FUNCTION monay.tenant_code_check_char(p_digits text) TO monay_readonly;

--
-- Name: FUNCTION tenant_code_is_valid(p_code text); Type: ACL; Schema: monay; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay.tenant_code_is_valid(p_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION monay.tenant_code_is_valid(p_code text) TO monay_app;
GRANT ALL ON FUNCTION monay.tenant_code_is_valid(p_code text) TO monay_platform;
GRANT ALL ON FUNCTION monay.tenant_code_is_valid(p_code text) TO monay_readonly;

--
-- Name: FUNCTION audit_log_append_only(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.audit_log_append_only() FROM PUBLIC;

--
-- Name: FUNCTION audit_row_change(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.audit_row_change() FROM PUBLIC;

--
-- Name: FUNCTION base64url_decode(p_text text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.base64url_decode(p_text text) FROM PUBLIC;

--
-- Name: FUNCTION base64url_encode(p_data bytea); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.base64url_encode(p_data bytea) FROM PUBLIC;

--
-- Name: FUNCTION configure_audit_link(p_dsn text); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.configure_audit_link(p_dsn text) FROM PUBLIC;

--
-- Name: FUNCTION context_signature(p_tenant_id uuid, p_user_id uuid, p_platform boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.context_signature(p_tenant_id uuid, p_user_id uuid, p_platform boolean) FROM PUBLIC;

--
-- Name: FUNCTION dblink_connect_u(text, text); Type: ACL; Schema: monay_private; Owner: postgres
--

GRANT ALL ON FUNCTION monay_private.dblink_connect_u(text, text) TO monay_owner;

--
-- Name: FUNCTION record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.record_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) FROM PUBLIC;

--
-- Name: FUNCTION record_tier_change(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.record_tier_change() FROM PUBLIC;

--
-- Name: FUNCTION refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.refuse_access(p_action text, p_sqlstate text, p_message text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb) FROM PUBLIC;

--
-- Name: FUNCTION set_context(p_tenant_id uuid, p_user_id uuid, p_platform boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.set_context(p_tenant_id uuid, p_user_id uuid, p_platform boolean) FROM PUBLIC;

--
-- Name: FUNCTION tenants_fill_defaults(); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.tenants_fill_defaults() FROM PUBLIC;

--
-- Name: FUNCTION verified_context(OUT tenant_id uuid, OUT user_id uuid, OUT platform boolean); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.verified_context(OUT tenant_id uuid, OUT user_id uuid, OUT platform boolean) FROM PUBLIC;

--
-- Name: FUNCTION write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8); Type: ACL; Schema: monay_private; Owner: monay_owner
--

REVOKE ALL ON FUNCTION monay_private.write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8) FROM PUBLIC;
GRANT ALL ON FUNCTION monay_private.write_security_event(p_action text, p_tenant_id uuid, p_user_id uuid, p_detail jsonb, p_db_user text, p_txid xid8) TO monay_audit;

--
-- Name: TABLE audit_log; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.audit_log TO monay_app;
GRANT SELECT ON TABLE monay.audit_log TO monay_platform;
GRANT SELECT ON TABLE monay.audit_log TO monay_readonly;

--
-- Name: TABLE cards; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT,INSERT,UPDATE ON TABLE monay.cards TO monay_app;
GRANT SELECT ON TABLE monay.cards TO monay_platform;
GRANT SELECT ON TABLE monay.cards TO monay_readonly;

--
-- Name: TABLE invoices; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT,INSERT,UPDATE ON TABLE monay.invoices TO monay_app;
GRANT SELECT ON TABLE monay.invoices TO monay_platform;
GRANT SELECT ON TABLE monay.invoices TO monay_readonly;

--
-- Name: TABLE tenant_tier_history; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.tenant_tier_history TO monay_app;
GRANT SELECT ON TABLE monay.tenant_tier_history TO monay_platform;
GRANT SELECT ON TABLE monay.tenant_tier_history TO monay_readonly;

--
-- Name: TABLE tenant_users; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.tenant_users TO monay_app;
GRANT SELECT ON TABLE monay.tenant_users TO monay_platform;
GRANT SELECT ON TABLE monay.tenant_users TO monay_readonly;

--
-- Name: TABLE tenants; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.tenants TO monay_app;
GRANT SELECT ON TABLE monay.tenants TO monay_platform;
GRANT SELECT ON TABLE monay.tenants TO monay_readonly;

--
-- Name: TABLE transactions; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT,INSERT,UPDATE ON TABLE monay.transactions TO monay_app;
GRANT SELECT ON TABLE monay.transactions TO monay_platform;
GRANT SELECT ON TABLE monay.transactions TO monay_readonly;

--
-- Name: TABLE users; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT ON TABLE monay.users TO monay_app;
GRANT SELECT ON TABLE monay.users TO monay_platform;
GRANT SELECT ON TABLE monay.users TO monay_readonly;

--
-- Name: TABLE wallets; Type: ACL; Schema: monay; Owner: monay_owner
--

GRANT SELECT,INSERT,UPDATE ON TABLE monay.wallets TO monay_app;
GRANT SELECT ON TABLE monay.wallets TO monay_platform;
GRANT SELECT ON TABLE monay.wallets TO monay_readonly;

--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: monay_owner
--

ALTER DEFAULT PRIVILEGES FOR ROLE monay_owner REVOKE ALL ON FUNCTIONS  FROM PUBLIC;

--
-- PostgreSQL database dump complete
--
