-- bench/sql/setup.sql: the benchmark's own objects, in a throw-away database
-- only (never in a database of the application): schema monay_bench, owned by
-- the superuser that runs `monaydb bench`.
--
--   monay_bench.make_token(user, tenant, secret)  an HS256 JWT, as any library mints it
--   monay_bench.tokens          pre-minted tokens: pgbench picks one by n (random)
--   monay_bench.raw_*           the raw-PostgreSQL baselines: same columns and
--                               indexes as ours, no RLS, no triggers, no functions
--   monay_bench.time_calls(...) server-side per-call latency (clock_timestamp)

CREATE SCHEMA IF NOT EXISTS monay_bench;
GRANT USAGE ON SCHEMA monay_bench TO monay_app, monay_platform;

CREATE OR REPLACE FUNCTION monay_bench.make_token(
    p_user uuid, p_tenant uuid, p_secret text, p_expires_in interval DEFAULT '7 days')
    RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_header  text := monay_private.base64url_encode(convert_to('{"alg":"HS256","typ":"JWT"}', 'UTF8'));
    v_payload text := monay_private.base64url_encode(convert_to(jsonb_build_object(
        'sub', p_user, 'tenant_id', p_tenant,
        'exp', floor(extract(epoch FROM clock_timestamp() + p_expires_in)))::text, 'UTF8'));
BEGIN
    RETURN v_header || '.' || v_payload || '.' || monay_private.base64url_encode(public.hmac(
        convert_to(v_header || '.' || v_payload, 'UTF8'), convert_to(p_secret, 'UTF8'), 'sha256'));
END $$;

-- n = 1..N: tenant n's owner; other_tenant_id: a second tenant of the same
-- user (for switch_tenant), NULL when the user has only one.
CREATE TABLE IF NOT EXISTS monay_bench.tokens (
    n                integer PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    user_id          uuid NOT NULL,
    other_tenant_id  uuid,
    token            text NOT NULL
);
GRANT SELECT ON monay_bench.tokens TO monay_app, monay_platform;

-- Raw baselines for provisioning: the columns, defaults and indexes of
-- monay.users, monay.tenants and monay.tenant_users, none of their CHECKs,
-- triggers, policies or functions (the tenant code comes from a plain sequence).
CREATE TABLE IF NOT EXISTS monay_bench.raw_users (LIKE monay.users INCLUDING DEFAULTS INCLUDING INDEXES);
CREATE TABLE IF NOT EXISTS monay_bench.raw_tenants (LIKE monay.tenants INCLUDING DEFAULTS INCLUDING INDEXES);
CREATE SEQUENCE IF NOT EXISTS monay_bench.raw_tenant_code_seq;
ALTER TABLE monay_bench.raw_tenants
    ALTER COLUMN tenant_code SET DEFAULT 'TNT-' || nextval('monay_bench.raw_tenant_code_seq');
CREATE TABLE IF NOT EXISTS monay_bench.raw_tenant_users
    (LIKE monay.tenant_users INCLUDING DEFAULTS INCLUDING INDEXES);
GRANT INSERT, SELECT ON monay_bench.raw_users, monay_bench.raw_tenants, monay_bench.raw_tenant_users
    TO monay_app, monay_platform;
GRANT USAGE ON SEQUENCE monay_bench.raw_tenant_code_seq TO monay_app, monay_platform;

-- Raw baseline for ingestion: the columns of monay.billing_operations, its
-- primary key and monthly range partitions (6 months back, 3 ahead), none of
-- its policies, triggers or functions; defaults from a plain sequence and now().
DO $$
DECLARE
    v_month date;
BEGIN
    IF to_regclass('monay.billing_operations') IS NULL OR to_regclass('monay_bench.raw_operations') IS NOT NULL THEN
        RETURN;
    END IF;
    CREATE SEQUENCE monay_bench.raw_operation_id_seq AS bigint CACHE 32;
    CREATE TABLE monay_bench.raw_operations (LIKE monay.billing_operations) PARTITION BY RANGE (occurred_at);
    ALTER TABLE monay_bench.raw_operations
        ALTER COLUMN id SET DEFAULT nextval('monay_bench.raw_operation_id_seq'),
        ALTER COLUMN quantity SET DEFAULT 1,
        ALTER COLUMN transactions SET DEFAULT 0,
        ALTER COLUMN cost_millicents SET DEFAULT 0,
        ALTER COLUMN late SET DEFAULT false,
        ALTER COLUMN occurred_at SET DEFAULT now(),
        ALTER COLUMN recorded_at SET DEFAULT now(),
        ADD PRIMARY KEY (tenant_id, occurred_at, id);
    FOR i IN -6 .. 3 LOOP
        v_month := (date_trunc('month', now()) + make_interval(months => i))::date;
        EXECUTE format('CREATE TABLE monay_bench.%I PARTITION OF monay_bench.raw_operations '
                       'FOR VALUES FROM (%L) TO (%L)', 'raw_operations_p' || to_char(v_month, 'YYYYMM'),
                       v_month, (v_month + interval '1 month')::date);
    END LOOP;
    GRANT INSERT, SELECT ON monay_bench.raw_operations TO monay_app, monay_platform;
    GRANT USAGE ON SEQUENCE monay_bench.raw_operation_id_seq TO monay_app, monay_platform;
END
$$;

-- Latency of p_n calls of p_sql, measured inside the server around each call
-- (clock_timestamp), for tenants picked at random among monay_bench.tokens
-- 1..p_tenants (only odd n, those with a second tenant, when p_pairs).
-- Parameters of p_sql and p_setup: $1 tenant_id, $2 p_period, $3 the owner's
-- token, $4 the owner's other tenant. p_setup (untimed) runs before each call,
-- e.g. the authenticate that a switch_tenant needs; p_only: always tenant
-- p_only (the heavy tenant) instead of random ones. Runs with the caller's
-- role and context. Returns {calls, mean_ms, p50_ms, p95_ms, p99_ms, max_ms}.
CREATE OR REPLACE FUNCTION monay_bench.time_calls(
    p_sql text, p_tenants integer, p_n integer, p_period date DEFAULT NULL,
    p_setup text DEFAULT NULL, p_pairs boolean DEFAULT false, p_only integer DEFAULT NULL)
    RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_rows   monay_bench.tokens[];
    v_row    monay_bench.tokens;
    v_ms     numeric[] := '{}';
    v_pick   integer;
    v_t0     timestamptz;
    v_dummy  text;
BEGIN
    FOR i IN 1 .. p_n LOOP
        IF p_only IS NOT NULL THEN
            v_pick := p_only;
        ELSIF p_pairs THEN
            v_pick := 1 + 2 * floor(random() * greatest(p_tenants / 2, 1))::integer;
        ELSE
            v_pick := 1 + floor(random() * p_tenants)::integer;
        END IF;
        SELECT t.* INTO STRICT v_row FROM monay_bench.tokens t WHERE t.n = v_pick;
        v_rows[i] := v_row;
    END LOOP;
    FOR i IN 1 .. p_n LOOP
        v_row := v_rows[i];
        IF p_setup IS NOT NULL THEN
            EXECUTE p_setup INTO v_dummy USING v_row.tenant_id, p_period, v_row.token, v_row.other_tenant_id;
        END IF;
        v_t0 := clock_timestamp();
        EXECUTE p_sql INTO v_dummy USING v_row.tenant_id, p_period, v_row.token, v_row.other_tenant_id;
        v_ms[i] := extract(epoch FROM clock_timestamp() - v_t0) * 1000;
    END LOOP;
    RETURN (SELECT jsonb_build_object(
        'calls', count(*),
        'mean_ms', round(avg(x), 4),
        'p50_ms', round(percentile_disc(0.50) WITHIN GROUP (ORDER BY x), 4),
        'p95_ms', round(percentile_disc(0.95) WITHIN GROUP (ORDER BY x), 4),
        'p99_ms', round(percentile_disc(0.99) WITHIN GROUP (ORDER BY x), 4),
        'max_ms', round(max(x), 4))
        FROM unnest(v_ms) x);
END $$;
GRANT EXECUTE ON FUNCTION monay_bench.time_calls(text, integer, integer, date, text, boolean, integer)
    TO monay_app, monay_platform;
