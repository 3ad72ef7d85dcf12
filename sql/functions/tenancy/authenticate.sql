-- sql/functions/tenancy/authenticate.sql
CREATE OR REPLACE FUNCTION monay.authenticate(
    p_token text
)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Verifies an HS256 JWT (claims: sub = user id, tenant_id, exp, optional nbf)
   against the secret set by monay.set_jwt_secret, checks that the user is
   active and an active member of that active tenant, and sets the signed,
   transaction-local context. Returns {user_id, tenant_id, tenant_code, role,
   expires_at}.
   Accepted secrets: the current one, and any previous one still inside the
   overlap window of monay.rotate_jwt_secret (retired_at in the future).
   Refusals are recorded durably in monay.audit_log (action auth_refused),
   with only bounded values: the token's sha256 and length, and the claimed
   alg, sub and tenant_id only when they have the expected shape (an HS-style
   name, uuids); a token longer than 8192 bytes is refused before decoding.
     MT201 malformed token or longer than 8192 bytes, wrong algorithm (alg none
           included), bad signature, exp/nbf not a number of seconds within
           0 .. 253402300799 (year 9999)
     MT202 expired            MT203 not yet valid (nbf)
     MT204 not an active member of the tenant
     MT205 tenant suspended or closed
     MT207 no JWT secret configured   MT208 user unknown or disabled */
DECLARE
    v_parts    text[];
    v_header   jsonb;
    v_claims   jsonb;
    v_signed   bytea;
    v_secrets  integer := 0;
    v_valid    boolean := false;
    v_user     uuid;
    v_tenant   uuid;
    v_refusal  integer;
    v_ustatus  text;
    v_status   text;
    v_role     text;
    v_code     text;
    v_now      numeric := extract(epoch FROM clock_timestamp());
    c_max_bytes constant integer := 8192;
    c_max_time  constant numeric := 253402300799;  -- 9999-12-31 23:59:59 UTC
    c_uuid constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
BEGIN
    -- Every refusal goes through monay_private.authenticate_refuse, which builds the audit
    -- record (token hash, bounded claims) only then: an accepted token pays for none of it.
    IF octet_length(p_token) > c_max_bytes THEN
        PERFORM monay_private.authenticate_refuse('MT201',
            format('invalid token: %s bytes, at most %s', octet_length(p_token), c_max_bytes), p_token, NULL, NULL);
    END IF;
    v_parts := string_to_array(coalesce(p_token, ''), '.');
    IF coalesce(array_length(v_parts, 1), 0) <> 3 THEN
        PERFORM monay_private.authenticate_refuse('MT201',
            'invalid token: not a JWT (expected header.payload.signature)', p_token, NULL, NULL);
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
        PERFORM monay_private.authenticate_refuse('MT201',
            'invalid token: header or payload is not base64url JSON', p_token, NULL, NULL);
    END IF;
    IF v_header ->> 'alg' IS DISTINCT FROM 'HS256' THEN
        PERFORM monay_private.authenticate_refuse('MT201',
            format('invalid token: algorithm %s is not accepted, only HS256',
                   coalesce(left(v_header ->> 'alg', 32), 'missing')), p_token, v_header, v_claims);
    END IF;

    -- The current secret, then any previous one inside its overlap window.
    -- Compared through a hash of each side, so that the time a comparison takes
    -- says nothing about how many leading bytes of a forged signature were right.
    v_signed := public.digest(coalesce(v_parts[3], ''), 'sha256');
    SELECT count(*), coalesce(bool_or(public.digest(monay_private.base64url_encode(public.hmac(
               convert_to(v_parts[1] || '.' || v_parts[2], 'UTF8'), s.secret, 'sha256')), 'sha256') = v_signed), false)
      INTO v_secrets, v_valid
      FROM monay_private.jwt_secrets s
     WHERE s.retired_at IS NULL OR s.retired_at > clock_timestamp();
    IF v_secrets = 0 THEN
        PERFORM monay_private.authenticate_refuse('MT207',
            'no JWT secret configured: the platform must call monay.set_jwt_secret', p_token, v_header, v_claims);
    END IF;
    IF NOT v_valid THEN
        PERFORM monay_private.authenticate_refuse('MT201',
            'invalid token: signature does not match', p_token, v_header, v_claims);
    END IF;

    -- From here the claims are authentic. Each check below is one CASE (evaluated in order,
    -- so a cast only runs once the check before it passed) and its refusal is spelt out only
    -- when it fails: an accepted token evaluates two expressions, not a dozen.
    v_refusal := CASE
        WHEN jsonb_typeof(v_claims -> 'exp') IS DISTINCT FROM 'number' THEN 1
        WHEN coalesce(v_claims ->> 'sub', '') !~ c_uuid OR coalesce(v_claims ->> 'tenant_id', '') !~ c_uuid THEN 2
        WHEN (v_claims ->> 'exp')::numeric NOT BETWEEN 0 AND c_max_time THEN 3
        WHEN v_now >= (v_claims ->> 'exp')::numeric THEN 4
        WHEN NOT v_claims ? 'nbf' THEN 0
        WHEN jsonb_typeof(v_claims -> 'nbf') <> 'number' THEN 5
        WHEN (v_claims ->> 'nbf')::numeric NOT BETWEEN 0 AND c_max_time THEN 6
        WHEN v_now < (v_claims ->> 'nbf')::numeric THEN 7
        ELSE 0 END;
    IF v_refusal <> 0 THEN
        IF v_refusal > 2 THEN
            v_user := (v_claims ->> 'sub')::uuid;
            v_tenant := (v_claims ->> 'tenant_id')::uuid;
        END IF;
        PERFORM monay_private.authenticate_refuse(
            CASE v_refusal WHEN 4 THEN 'MT202' WHEN 7 THEN 'MT203' ELSE 'MT201' END,
            CASE v_refusal
                WHEN 1 THEN 'invalid token: claim exp (a number) is required'
                WHEN 2 THEN 'invalid token: claims sub and tenant_id must be uuids'
                WHEN 3 THEN format('invalid token: claim exp %s is outside 0 .. %s (year 9999)',
                                   left(v_claims ->> 'exp', 40), c_max_time)
                WHEN 4 THEN format('token expired at %s', to_timestamp((v_claims ->> 'exp')::numeric))
                WHEN 5 THEN 'invalid token: claim nbf must be a number'
                WHEN 6 THEN format('invalid token: claim nbf %s is outside 0 .. %s (year 9999)',
                                   left(v_claims ->> 'nbf', 40), c_max_time)
                ELSE format('token not valid before %s', to_timestamp((v_claims ->> 'nbf')::numeric)) END,
            p_token, v_header, v_claims, v_tenant, v_user);
    END IF;
    v_user := (v_claims ->> 'sub')::uuid;
    v_tenant := (v_claims ->> 'tenant_id')::uuid;

    -- Sign the claimed context now, so that RLS lets us read exactly this
    -- user's row, their membership in this tenant and the tenant (the
    -- cheapest policy path), in one statement. Every refusal below raises, and
    -- the raise rolls the SET LOCAL back with the (sub)transaction: a refused
    -- token never leaves a context behind.
    PERFORM monay_private.set_context(v_tenant, v_user, false);
    SELECT u.status, tu.role, t.status, t.tenant_code INTO v_ustatus, v_role, v_status, v_code
      FROM (VALUES (1)) one (x)
      LEFT JOIN monay.users u ON u.id = v_user
      LEFT JOIN monay.tenant_users tu ON tu.tenant_id = v_tenant AND tu.user_id = v_user AND tu.status = 'active'
      LEFT JOIN monay.tenants t ON t.id = v_tenant;
    IF v_ustatus IS DISTINCT FROM 'active' OR v_role IS NULL OR v_status IS DISTINCT FROM 'active' THEN
        PERFORM monay_private.authenticate_refuse(
            CASE WHEN v_ustatus IS DISTINCT FROM 'active' THEN 'MT208' WHEN v_role IS NULL THEN 'MT204' ELSE 'MT205' END,
            CASE WHEN v_ustatus IS DISTINCT FROM 'active' THEN format('user %s is %s', v_user, coalesce(v_ustatus, 'unknown'))
                 WHEN v_role IS NULL THEN format('user %s is not an active member of tenant %s', v_user, v_tenant)
                 ELSE format('tenant %s is %s', v_tenant, coalesce(v_status, 'unknown')) END,
            p_token, v_header, v_claims, v_tenant, v_user);
    END IF;

    RETURN jsonb_build_object('user_id', v_user, 'tenant_id', v_tenant, 'tenant_code', v_code,
                              'role', v_role, 'expires_at', to_timestamp((v_claims ->> 'exp')::numeric));
END;
$$;

COMMENT ON FUNCTION monay.authenticate(text) IS
    'Verifies an HS256 JWT and sets the signed tenant context for this transaction (MT201-MT208).';
REVOKE ALL ON FUNCTION monay.authenticate(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.authenticate(text) TO monay_app, monay_readonly;
