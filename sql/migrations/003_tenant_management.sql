-- Tenancy: tenants, memberships, the signed transaction context, row-level
-- security on every table, and the append-only audit log.
--
-- The context primitives (signing, verifying, the readers that policies call)
-- live here, not in sql/functions: policies depend on them, so they are
-- schema and change only through a migration that a reviewer reads.
-- Everything that sets a context (authenticate, switch_tenant, ...) is in
-- sql/functions/tenancy/.
-- depends: 002_platform_baseline

-- Fail fast instead of queueing behind long transactions on a busy database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

-- Superuser part: dblink for the durable security-event writes (DESIGN.md 4),
-- kept in monay_private so that no application role can open connections.
CREATE EXTENSION IF NOT EXISTS dblink WITH SCHEMA monay_private;
GRANT EXECUTE ON FUNCTION monay_private.dblink_connect_u(text, text) TO monay_owner;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'monay_audit') THEN
        CREATE ROLE monay_audit NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;
COMMENT ON ROLE monay_audit IS
    'Group of the login role that dblink uses to write security events durably.';
GRANT USAGE ON SCHEMA monay_private TO monay_audit;

SET LOCAL ROLE monay_owner;

-- ---------------------------------------------------------------------------
-- The signed context
-- ---------------------------------------------------------------------------

CREATE TABLE monay_private.context_key (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    signing_key  bytea NOT NULL DEFAULT public.gen_random_bytes(32),
    created_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO monay_private.context_key DEFAULT VALUES;
COMMENT ON TABLE monay_private.context_key IS
    'HMAC key that signs the transaction context. Never leaves monay_private.';

-- The two helpers below are SECURITY INVOKER and executable by monay_owner
-- only: they run inside the SECURITY DEFINER functions that call them (as the
-- owner, with search_path pinned by the caller), and skip a second search_path
-- save/restore per call, which policies evaluate twice per statement.
CREATE FUNCTION monay_private.context_signature(
    p_tenant_id  text
    , p_user_id  text
    , p_platform text
)
    RETURNS text
    LANGUAGE plpgsql STABLE
AS $$
/* HMAC-SHA256 of the context's text, bound to this backend and this
   transaction's start time, so that a signature copied out of one transaction
   opens nothing in another (nor through a pooler on another backend). The
   fields have fixed shapes (36-character uuid or '', 'true' or 'false'), so
   the '|'-joined message is unambiguous. */
DECLARE
    v_key bytea;
BEGIN
    SELECT k.signing_key INTO v_key FROM monay_private.context_key k;
    RETURN pg_catalog.encode(public.hmac(pg_catalog.convert_to(
        p_tenant_id || '|' || p_user_id || '|' || p_platform || '|' || pg_catalog.pg_backend_pid()
        || '|' || EXTRACT(epoch FROM pg_catalog.transaction_timestamp()), 'UTF8'),
        v_key, 'sha256'), 'hex');
END;
$$;

CREATE FUNCTION monay_private.set_context(
    p_tenant_id  uuid
    , p_user_id  uuid
    , p_platform boolean
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Sets the signed, transaction-local context (SET LOCAL, which Citus
   propagates). Only functions of ours call it; no application role can. */
DECLARE
    v_tenant   text := coalesce(p_tenant_id::text, '');
    v_user     text := coalesce(p_user_id::text, '');
    v_platform text := p_platform::text;
BEGIN
    EXECUTE format('SET LOCAL monay.tenant_id = %L', v_tenant);
    EXECUTE format('SET LOCAL monay.user_id = %L', v_user);
    EXECUTE format('SET LOCAL monay.platform = %L', v_platform);
    EXECUTE format('SET LOCAL monay.context_signature = %L',
                   monay_private.context_signature(v_tenant, v_user, v_platform));
END;
$$;

CREATE FUNCTION monay_private.verified_context(
    OUT tenant_id uuid
    , OUT user_id uuid
    , OUT platform boolean
)
    LANGUAGE plpgsql STABLE
AS $$
/* The context if its signature checks out, else nothing (NULL, NULL, false):
   a context forged with SET or set_config opens nothing. The signature is
   checked over the exact text of the settings, before any cast. */
DECLARE
    v_sig      text := current_setting('monay.context_signature', true);
    v_tenant   text;
    v_user     text;
    v_platform text;
BEGIN
    platform := false;
    IF v_sig IS NULL OR length(v_sig) <> 64 THEN
        RETURN;
    END IF;
    v_tenant := current_setting('monay.tenant_id', true);
    v_user := current_setting('monay.user_id', true);
    v_platform := current_setting('monay.platform', true);
    IF length(v_tenant) NOT IN (0, 36) OR length(v_user) NOT IN (0, 36)
       OR v_platform NOT IN ('true', 'false')
       OR v_sig IS DISTINCT FROM monay_private.context_signature(v_tenant, v_user, v_platform) THEN
        RETURN;
    END IF;
    tenant_id := nullif(v_tenant, '')::uuid;
    user_id := nullif(v_user, '')::uuid;
    platform := v_platform::boolean;
END;
$$;

CREATE FUNCTION monay.current_tenant_id()
    RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The tenant of this transaction's verified context, or NULL. */
BEGIN
    RETURN (monay_private.verified_context()).tenant_id;
END;
$$;
COMMENT ON FUNCTION monay.current_tenant_id() IS
    'Tenant of the verified transaction context, NULL without one. Policies call it as (SELECT ...).';

CREATE FUNCTION monay.current_user_id()
    RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* The authenticated user of this transaction's verified context, or NULL. */
BEGIN
    RETURN (monay_private.verified_context()).user_id;
END;
$$;
COMMENT ON FUNCTION monay.current_user_id() IS
    'Authenticated user of the verified transaction context, NULL without one.';

CREATE FUNCTION monay.is_platform_context()
    RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* True when monay.set_platform_context() (monay_platform only) signed this transaction. */
BEGIN
    RETURN (monay_private.verified_context()).platform;
END;
$$;
COMMENT ON FUNCTION monay.is_platform_context() IS
    'True inside a verified platform context (set by monay_platform only).';

-- Policies compare tenant_id with a range, [low, high]: one tenant's id twice
-- for a tenant context, every uuid for the platform context, NULL (no rows)
-- without a context. Unlike `tenant_id = current OR is_platform`, which the
-- planner can only run as a sequential scan, the range uses the tenant_id
-- index in both cases, from one policy that reads only the signed context.
CREATE FUNCTION monay.rls_tenant_low()
    RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Lower bound of the tenant ids this transaction may see (see rls_tenant_high). */
DECLARE
    v_ctx record := monay_private.verified_context();
BEGIN
    RETURN CASE WHEN v_ctx.platform THEN '00000000-0000-0000-0000-000000000000'::uuid ELSE v_ctx.tenant_id END;
END;
$$;
COMMENT ON FUNCTION monay.rls_tenant_low() IS
    'Lower bound of visible tenant ids: the tenant, all (platform), or NULL (no context).';

CREATE FUNCTION monay.rls_tenant_high()
    RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Upper bound of the tenant ids this transaction may see (see rls_tenant_low). */
DECLARE
    v_ctx record := monay_private.verified_context();
BEGIN
    RETURN CASE WHEN v_ctx.platform THEN 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid ELSE v_ctx.tenant_id END;
END;
$$;
COMMENT ON FUNCTION monay.rls_tenant_high() IS
    'Upper bound of visible tenant ids: the tenant, all (platform), or NULL (no context).';

REVOKE ALL ON FUNCTION monay_private.context_signature(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION monay_private.set_context(uuid, uuid, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION monay_private.verified_context() FROM PUBLIC;
REVOKE ALL ON FUNCTION monay.current_tenant_id() FROM PUBLIC;
REVOKE ALL ON FUNCTION monay.current_user_id() FROM PUBLIC;
REVOKE ALL ON FUNCTION monay.is_platform_context() FROM PUBLIC;
REVOKE ALL ON FUNCTION monay.rls_tenant_low() FROM PUBLIC;
REVOKE ALL ON FUNCTION monay.rls_tenant_high() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.current_tenant_id(), monay.current_user_id(),
    monay.is_platform_context(), monay.rls_tenant_low(), monay.rls_tenant_high()
    TO monay_app, monay_platform, monay_readonly;

-- ---------------------------------------------------------------------------
-- Tenant codes: TNT-000123-K, the letter a check over the digits
-- ---------------------------------------------------------------------------

CREATE SEQUENCE monay.tenant_code_seq AS bigint START 1;

CREATE FUNCTION monay.tenant_code_check_char(
    p_digits text
)
    RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
/* Weighted sum of the digits (weights 1, 2, 3, ... from the left) modulo 23,
   as a letter of ABCDEFGHJKLMNPQRSTUVWXY. 23 is prime and above every weight
   and every digit difference, so any single wrong digit and any swap of two
   neighbouring digits changes the letter (up to 22 digits). */
    SELECT substr('ABCDEFGHJKLMNPQRSTUVWXY',
                  1 + (sum(substr(p_digits, i, 1)::int * i) % 23)::int, 1)
    FROM generate_series(1, length(p_digits)) AS i
$$;
COMMENT ON FUNCTION monay.tenant_code_check_char(text) IS
    'Check letter of a tenant code''s digits (weighted sum mod 23).';

CREATE FUNCTION monay.tenant_code_is_valid(
    p_code text
)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
/* True when p_code is TNT-<6 to 22 digits>-<its check letter>. */
    SELECT coalesce(p_code ~ '^TNT-[0-9]{6,22}-[A-Z]$'
        AND right(p_code, 1) = monay.tenant_code_check_char(split_part(p_code, '-', 2)), false)
$$;
COMMENT ON FUNCTION monay.tenant_code_is_valid(text) IS
    'True for a well-formed tenant code whose check letter matches (catches typos).';

CREATE FUNCTION monay.generate_tenant_code()
    RETURNS text
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
/* The next tenant code from monay.tenant_code_seq, e.g. TNT-000123-K: at
   least 6 digits (lpad alone would cut 1000000 to 100000), more past 999999. */
    SELECT 'TNT-' || d || '-' || monay.tenant_code_check_char(d)
    FROM (SELECT lpad(n::text, greatest(6, length(n::text)), '0') AS d
          FROM (SELECT nextval('monay.tenant_code_seq') AS n) q) s
$$;
COMMENT ON FUNCTION monay.generate_tenant_code() IS
    'Next human-readable tenant code with its check letter, e.g. TNT-000123-K.';

REVOKE ALL ON FUNCTION monay.tenant_code_check_char(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION monay.tenant_code_is_valid(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION monay.generate_tenant_code() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.tenant_code_check_char(text), monay.tenant_code_is_valid(text)
    TO monay_app, monay_platform, monay_readonly;

-- ---------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------

CREATE TABLE monay.tenants (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_code           text NOT NULL DEFAULT monay.generate_tenant_code(),
    name                  text NOT NULL,
    tenant_type           text NOT NULL DEFAULT 'individual',
    billing_tier          text NOT NULL DEFAULT 'free',
    gross_margin_percent  numeric(5, 2) NOT NULL DEFAULT 0,
    status                text NOT NULL DEFAULT 'active',
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    status_changed_at     timestamptz NOT NULL DEFAULT now(),
    status_reason         text,
    purge_after           timestamptz,
    purged_at             timestamptz,
    CONSTRAINT tenants_tenant_code_key UNIQUE (tenant_code),
    CONSTRAINT tenants_tenant_code_valid CHECK (monay.tenant_code_is_valid(tenant_code)),
    CONSTRAINT tenants_name_not_blank CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT tenants_tenant_type_known CHECK (tenant_type IN
        ('individual', 'household', 'small_business', 'enterprise', 'holding_company')),
    CONSTRAINT tenants_billing_tier_known CHECK (billing_tier IN ('free', 'small_business', 'enterprise')),
    -- The seed's margins per tier (DESIGN.md, "The contract the seed fixes").
    CONSTRAINT tenants_gross_margin_within_tier CHECK (
           (billing_tier = 'free' AND gross_margin_percent = 0)
        OR (billing_tier = 'small_business' AND gross_margin_percent BETWEEN 60 AND 70)
        OR (billing_tier = 'enterprise' AND gross_margin_percent BETWEEN 70 AND 90)),
    CONSTRAINT tenants_status_known CHECK (status IN ('active', 'suspended', 'closed')),
    CONSTRAINT tenants_purge_only_when_closed CHECK (purge_after IS NULL OR status = 'closed')
);
CREATE INDEX tenants_purge_after_idx ON monay.tenants (purge_after) WHERE purge_after IS NOT NULL;
COMMENT ON TABLE monay.tenants IS
    'Vaults: one per customer. Margin CHECK per tier: free 0, small_business 60-70, enterprise 70-90.';

CREATE TABLE monay.tenant_users (
    tenant_id   uuid NOT NULL REFERENCES monay.tenants (id),
    user_id     uuid NOT NULL REFERENCES monay.users (id),
    role        text NOT NULL DEFAULT 'member',
    status      text NOT NULL DEFAULT 'active',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id),
    CONSTRAINT tenant_users_role_known CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    CONSTRAINT tenant_users_status_known CHECK (status IN ('active', 'removed'))
);
CREATE INDEX tenant_users_user_id_idx ON monay.tenant_users (user_id, tenant_id) WHERE status = 'active';
COMMENT ON TABLE monay.tenant_users IS
    'Memberships: a user''s role in a tenant. At most MAX_TENANTS_PER_USER active per user.';

-- Every billing tier and margin a tenant has had, from when: written by the
-- trigger monay_private.record_tier_change (sql/functions/tenancy) on every
-- INSERT of a tenant (effective_at = created_at) and every change of
-- billing_tier or gross_margin_percent (effective_at = now()). Billing reads it
-- to prorate the base fee when a tier changes mid-month.
CREATE TABLE monay.tenant_tier_history (
    tenant_id             uuid NOT NULL REFERENCES monay.tenants (id),
    effective_at          timestamptz NOT NULL,
    billing_tier          text NOT NULL,
    gross_margin_percent  numeric(5, 2) NOT NULL,
    changed_by            uuid,
    PRIMARY KEY (tenant_id, effective_at)
);
COMMENT ON TABLE monay.tenant_tier_history IS
    'Billing tier and margin of each tenant from effective_at on (trigger-maintained); for proration.';

-- How many active memberships each user has: the row lock on a user's counter
-- serialises concurrent joins, so two inserts cannot both pass the limit.
CREATE TABLE monay_private.user_tenant_counts (
    user_id         uuid PRIMARY KEY REFERENCES monay.users (id),
    active_tenants  bigint NOT NULL DEFAULT 0 CHECK (active_tenants >= 0)
);

-- Idempotent tenant creation (monay.create_tenant's p_idempotency_key): the
-- first call with a key records which tenant it made and a hash of its
-- parameters; a retry with the same key returns that tenant, a reuse of the key
-- with other parameters is refused (MT307). Keys are scoped by the owner.
CREATE TABLE monay_private.tenant_creation_requests (
    owner_user_id    uuid NOT NULL REFERENCES monay.users (id),
    idempotency_key  text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    request_sha256   text NOT NULL,
    -- Deferred: the key is claimed (inserted) before the tenant exists, so that
    -- a concurrent retry with the same key waits on it instead of creating twice.
    tenant_id        uuid NOT NULL REFERENCES monay.tenants (id) DEFERRABLE INITIALLY DEFERRED,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_user_id, idempotency_key)
);
CREATE INDEX tenant_creation_requests_tenant_id_idx ON monay_private.tenant_creation_requests (tenant_id);
COMMENT ON TABLE monay_private.tenant_creation_requests IS
    'Idempotency keys of monay.create_tenant: (owner, key) -> the tenant it created.';

-- Tables whose rows monay.purge_closed_tenants keeps when it deletes a closed
-- tenant's data (accounting, append-only logs). Every other table of schema
-- monay with a tenant_id column is purged. Names are table names in schema
-- monay (text, not regclass, so a later migration may list a table before or
-- after creating it); the domain that owns such a table adds its row.
CREATE TABLE monay_private.purge_retained_tables (
    table_name  text PRIMARY KEY CHECK (table_name ~ '^[a-z_][a-z0-9_]*$'),
    reason      text NOT NULL
);
INSERT INTO monay_private.purge_retained_tables (table_name, reason) VALUES
    ('audit_log', 'append-only audit trail: never deleted'),
    ('tenant_tier_history', 'tiers and margins billed in past periods (proration, accounting)');
COMMENT ON TABLE monay_private.purge_retained_tables IS
    'Tables of schema monay that the closed-tenant purge keeps (accounting, audit). Data, not code.';

CREATE TABLE monay_private.jwt_secrets (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    secret      bytea NOT NULL CHECK (length(secret) >= 32),
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz
);
CREATE UNIQUE INDEX jwt_secrets_one_current ON monay_private.jwt_secrets ((true)) WHERE retired_at IS NULL;
COMMENT ON TABLE monay_private.jwt_secrets IS
    'HS256 secret(s) for monay.authenticate; one current, set by monay.set_jwt_secret.';

CREATE TABLE monay_private.audit_link (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    dsn         text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE monay_private.audit_link IS
    'libpq connection string that dblink uses to write security events outside the caller''s transaction.';

-- Counts security events even when no durable write is possible (sequences
-- are not rolled back).
CREATE SEQUENCE monay_private.security_event_seq AS bigint;

CREATE TABLE monay.audit_log (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    tenant_id          uuid,
    context_tenant_id  uuid,
    actor_user_id      uuid,
    db_user            text NOT NULL DEFAULT session_user,
    action             text NOT NULL,
    table_name         text,
    row_key            jsonb,
    old_values         jsonb,
    new_values         jsonb,
    detail             jsonb,
    txid               bigint,
    CONSTRAINT audit_log_action_known CHECK (action IN
        ('INSERT', 'UPDATE', 'DELETE', 'auth_refused', 'switch_refused'))
);
CREATE INDEX audit_log_tenant_id_occurred_at_idx ON monay.audit_log (tenant_id, occurred_at);
CREATE INDEX audit_log_action_occurred_at_idx ON monay.audit_log (action, occurred_at)
    WHERE action IN ('auth_refused', 'switch_refused');
COMMENT ON TABLE monay.audit_log IS
    'Append-only audit trail: row changes of tenants, tenant_users, settings; refused logins and switches. '
    'tenant_id NULL: not about one tenant (platform only).';

-- ---------------------------------------------------------------------------
-- Row-level security: ENABLE + FORCE, one policy per command
-- ---------------------------------------------------------------------------

ALTER TABLE monay.tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.tenants FORCE ROW LEVEL SECURITY;
-- Inside a tenant's context only that tenant is visible. A user's other
-- tenants (and memberships) are visible only in the user-only context that
-- authenticate, switch_tenant and list_user_tenants sign while they look.
CREATE POLICY tenants_select ON monay.tenants FOR SELECT
    USING (id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())
           OR ((SELECT monay.current_tenant_id()) IS NULL
               AND id IN (SELECT tu.tenant_id FROM monay.tenant_users tu
                          WHERE tu.user_id = (SELECT monay.current_user_id()) AND tu.status = 'active')));
CREATE POLICY tenants_insert ON monay.tenants FOR INSERT
    WITH CHECK (id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY tenants_update ON monay.tenants FOR UPDATE
    USING (id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()))
    WITH CHECK (id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY tenants_delete ON monay.tenants FOR DELETE
    USING (id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));

ALTER TABLE monay.tenant_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.tenant_users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_users_select ON monay.tenant_users FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())
           OR ((SELECT monay.current_tenant_id()) IS NULL
               AND user_id = (SELECT monay.current_user_id())));
CREATE POLICY tenant_users_insert ON monay.tenant_users FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY tenant_users_update ON monay.tenant_users FOR UPDATE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()))
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY tenant_users_delete ON monay.tenant_users FOR DELETE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));

ALTER TABLE monay.tenant_tier_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.tenant_tier_history FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_tier_history_select ON monay.tenant_tier_history FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY tenant_tier_history_insert ON monay.tenant_tier_history FOR INSERT
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY tenant_tier_history_update ON monay.tenant_tier_history FOR UPDATE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()))
    WITH CHECK (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));
CREATE POLICY tenant_tier_history_delete ON monay.tenant_tier_history FOR DELETE
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high()));

-- users are global but not public: yourself, the members of the current
-- tenant, or everyone for the platform. Creating one needs no context (sign-up);
-- only our functions hold INSERT.
ALTER TABLE monay.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_select ON monay.users FOR SELECT
    USING (id = (SELECT monay.current_user_id())
           OR (SELECT monay.is_platform_context())
           OR id IN (SELECT tu.user_id FROM monay.tenant_users tu
                     WHERE tu.tenant_id = (SELECT monay.current_tenant_id()) AND tu.status = 'active'));
CREATE POLICY users_insert ON monay.users FOR INSERT WITH CHECK (true);
CREATE POLICY users_update ON monay.users FOR UPDATE
    USING (id = (SELECT monay.current_user_id()) OR (SELECT monay.is_platform_context()))
    WITH CHECK (id = (SELECT monay.current_user_id()) OR (SELECT monay.is_platform_context()));
CREATE POLICY users_delete ON monay.users FOR DELETE
    USING ((SELECT monay.is_platform_context()));

-- The pre-tenancy platform tables: a user reaches their own rows, the
-- platform all of them, until 006 moves them under tenant_id.
ALTER TABLE monay.wallets ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.wallets FORCE ROW LEVEL SECURITY;
CREATE POLICY wallets_select ON monay.wallets FOR SELECT
    USING (user_id = (SELECT monay.current_user_id()) OR (SELECT monay.is_platform_context()));
CREATE POLICY wallets_insert ON monay.wallets FOR INSERT
    WITH CHECK (user_id = (SELECT monay.current_user_id()) OR (SELECT monay.is_platform_context()));
CREATE POLICY wallets_update ON monay.wallets FOR UPDATE
    USING (user_id = (SELECT monay.current_user_id()) OR (SELECT monay.is_platform_context()));
CREATE POLICY wallets_delete ON monay.wallets FOR DELETE
    USING ((SELECT monay.is_platform_context()));

ALTER TABLE monay.transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.transactions FORCE ROW LEVEL SECURITY;
CREATE POLICY transactions_select ON monay.transactions FOR SELECT
    USING (wallet_id IN (SELECT w.id FROM monay.wallets w));
CREATE POLICY transactions_insert ON monay.transactions FOR INSERT
    WITH CHECK (wallet_id IN (SELECT w.id FROM monay.wallets w));
CREATE POLICY transactions_update ON monay.transactions FOR UPDATE
    USING (wallet_id IN (SELECT w.id FROM monay.wallets w));
CREATE POLICY transactions_delete ON monay.transactions FOR DELETE
    USING ((SELECT monay.is_platform_context()));

ALTER TABLE monay.invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY invoices_select ON monay.invoices FOR SELECT
    USING (user_id = (SELECT monay.current_user_id()) OR (SELECT monay.is_platform_context()));
CREATE POLICY invoices_insert ON monay.invoices FOR INSERT
    WITH CHECK (user_id = (SELECT monay.current_user_id()) OR (SELECT monay.is_platform_context()));
CREATE POLICY invoices_update ON monay.invoices FOR UPDATE
    USING (user_id = (SELECT monay.current_user_id()) OR (SELECT monay.is_platform_context()));
CREATE POLICY invoices_delete ON monay.invoices FOR DELETE
    USING ((SELECT monay.is_platform_context()));

ALTER TABLE monay.cards ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.cards FORCE ROW LEVEL SECURITY;
CREATE POLICY cards_select ON monay.cards FOR SELECT
    USING (user_id = (SELECT monay.current_user_id()) OR (SELECT monay.is_platform_context()));
CREATE POLICY cards_insert ON monay.cards FOR INSERT
    WITH CHECK (user_id = (SELECT monay.current_user_id()) OR (SELECT monay.is_platform_context()));
CREATE POLICY cards_update ON monay.cards FOR UPDATE
    USING (user_id = (SELECT monay.current_user_id()) OR (SELECT monay.is_platform_context()));
CREATE POLICY cards_delete ON monay.cards FOR DELETE
    USING ((SELECT monay.is_platform_context()));

-- Audit: a tenant reads its own rows, the platform all; rows about no
-- tenant (tenant_id NULL) only the platform. Nobody updates or deletes.
ALTER TABLE monay.audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE monay.audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_select ON monay.audit_log FOR SELECT
    USING (tenant_id BETWEEN (SELECT monay.rls_tenant_low()) AND (SELECT monay.rls_tenant_high())
           OR (tenant_id IS NULL AND (SELECT monay.is_platform_context())));
CREATE POLICY audit_log_insert ON monay.audit_log FOR INSERT WITH CHECK (true);
CREATE POLICY audit_log_update ON monay.audit_log FOR UPDATE USING (false);
CREATE POLICY audit_log_delete ON monay.audit_log FOR DELETE USING (false);

-- Settings change only inside a platform context (monay.set_setting).
CREATE POLICY settings_insert ON monay.settings FOR INSERT
    WITH CHECK ((SELECT monay.is_platform_context()));
CREATE POLICY settings_update ON monay.settings FOR UPDATE
    USING ((SELECT monay.is_platform_context()));
CREATE POLICY settings_delete ON monay.settings FOR DELETE USING (false);

-- ---------------------------------------------------------------------------
-- Grants. Tenancy and audit tables are written only through functions.
-- ---------------------------------------------------------------------------

GRANT SELECT ON monay.tenants, monay.tenant_users, monay.users, monay.audit_log,
    monay.tenant_tier_history
    TO monay_app, monay_platform, monay_readonly;
GRANT SELECT ON monay.wallets, monay.transactions, monay.invoices, monay.cards
    TO monay_app, monay_platform, monay_readonly;
GRANT INSERT, UPDATE ON monay.wallets, monay.transactions, monay.invoices, monay.cards
    TO monay_app;

-- Tenancy's own setting: how long a closed tenant's data is kept before
-- monay.purge_closed_tenants deletes it (monay.cleanup_tenant_data). Written
-- as the migrating superuser: settings has FORCE RLS and its INSERT policy
-- wants a platform context, which a migration does not have.
RESET ROLE;
INSERT INTO monay.settings (key, value, value_type, description) VALUES
    ('TENANT_DATA_RETENTION', '"90 days"', 'interval',
     'How long a closed tenant''s data is kept before the purge job deletes it.');
