-- A cheaper signed context (issue 13): the context readers that every RLS policy calls
-- (rls_tenant_low/high, current_tenant_id, current_user_id, is_platform_context) no longer
-- recompute the HMAC on each call. set_context, which signs a context, also records a digest
-- of what it signed in this session's currval of an UNLOGGED sequence that only monay_owner
-- may set (setval needs UPDATE on it); a reader accepts the context without the HMAC when the
-- digest of the current settings (tenant, user, platform, signature, backend pid, transaction
-- start) equals that currval, and otherwise checks the HMAC as before. So the cache only
-- accepts what set_context signed in this very transaction: a setting forged with SET or
-- set_config (the marker monay.context_cache included) never matches, a context from an earlier
-- transaction never matches (its start time differs), and after ROLLBACK TO SAVEPOINT the
-- restored context is checked by the HMAC. The readers become SECURITY INVOKER (they read no
-- table, only settings and the session's currval, which our roles may read) and evaluate the
-- check inline; the HMAC check stays SECURITY DEFINER (monay.context_signature_is_valid).
-- The context primitives stay migration-owned (003): policies depend on them.
-- depends: 017_treasury_wallet_links

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
SET LOCAL ROLE monay_owner;

-- ---------------------------------------------------------------------------
-- The cache: one UNLOGGED sequence (no WAL, no transaction id); its session-local currval
-- is the digest of the last context this backend's set_context signed.
-- ---------------------------------------------------------------------------

CREATE UNLOGGED SEQUENCE monay.context_cache_seq AS bigint
    MINVALUE -9223372036854775808 MAXVALUE 9223372036854775807 NO CYCLE;
COMMENT ON SEQUENCE monay.context_cache_seq IS
    'Context cache (021): currval = digest of the context set_context signed last in this session. '
    'Only monay_owner may setval; our roles may read currval (a digest of what they already know).';

CREATE FUNCTION monay.context_cache_digest(
    p_tenant_id  text
    , p_user_id  text
    , p_platform text
    , p_signature text
)
    RETURNS bytea
    LANGUAGE sql STABLE
AS $$
/* First 8 bytes of sha256(tenant|user|platform|signature, backend pid, transaction start):
   what set_context stores in currval(monay.context_cache_seq) and what the readers compare
   it with. Bound to this backend and this transaction, like the signature itself (the pid
   and the start time are fixed-size binary at the end, so the message is unambiguous). NULL
   when any part is. No search_path of its own (it is inlined): every name and operator is
   schema-qualified. */
    SELECT pg_catalog.substr(pg_catalog.sha256(
        pg_catalog.textsend(p_tenant_id OPERATOR(pg_catalog.||) '|' OPERATOR(pg_catalog.||) p_user_id
                            OPERATOR(pg_catalog.||) '|' OPERATOR(pg_catalog.||) p_platform
                            OPERATOR(pg_catalog.||) '|' OPERATOR(pg_catalog.||) p_signature)
        OPERATOR(pg_catalog.||) pg_catalog.int4send(pg_catalog.pg_backend_pid())
        OPERATOR(pg_catalog.||) pg_catalog.timestamptz_send(pg_catalog.transaction_timestamp())), 1, 8)
$$;
COMMENT ON FUNCTION monay.context_cache_digest(text, text, text, text) IS
    'Digest of a signed context bound to this backend and transaction (the context cache key, 021).';

-- The HMAC check, as before (003's verified_context), for a context the cache does not hold.
CREATE FUNCTION monay.context_signature_is_valid()
    RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* True when the settings carry the HMAC signature of this backend and transaction
   (checked over the exact text of the settings, before any cast). Reads the key. */
DECLARE
    v_sig      text := current_setting('monay.context_signature', true);
    v_tenant   text := current_setting('monay.tenant_id', true);
    v_user     text := current_setting('monay.user_id', true);
    v_platform text := current_setting('monay.platform', true);
BEGIN
    RETURN COALESCE(length(v_sig) = 64
       AND length(v_tenant) IN (0, 36) AND length(v_user) IN (0, 36) AND v_platform IN ('true', 'false')
       AND v_sig = monay_private.context_signature(v_tenant, v_user, v_platform), false);
END;
$$;
COMMENT ON FUNCTION monay.context_signature_is_valid() IS
    'True when the transaction context carries a valid HMAC signature (the readers'' slow path).';

-- ---------------------------------------------------------------------------
-- The primitives, replaced (same signatures and results as 003)
-- ---------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION monay_private.set_context(
    p_tenant_id  uuid
    , p_user_id  uuid
    , p_platform boolean
)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
/* Sets the signed, transaction-local context (SET LOCAL, which Citus propagates, in one
   EXECUTE) and, unless the transaction is read-only (setval is refused there; the readers then
   check the HMAC), caches its digest in currval(monay.context_cache_seq). Only functions of
   ours call it; no application role can. */
DECLARE
    v_tenant   text := coalesce(p_tenant_id::text, '');
    v_user     text := coalesce(p_user_id::text, '');
    v_platform text := p_platform::text;
    v_sig      text := monay_private.context_signature(v_tenant, v_user, v_platform);
    v_cache    boolean := current_setting('transaction_read_only') = 'off';
BEGIN
    EXECUTE format('SET LOCAL monay.tenant_id = %L; SET LOCAL monay.user_id = %L; SET LOCAL monay.platform = %L; '
                   'SET LOCAL monay.context_signature = %L%s',
                   v_tenant, v_user, v_platform, v_sig,
                   CASE WHEN v_cache THEN '; SET LOCAL monay.context_cache = on' ELSE '' END);
    IF v_cache THEN
        PERFORM setval('monay.context_cache_seq',
                       ('x' || encode(monay.context_cache_digest(v_tenant, v_user, v_platform, v_sig), 'hex'))::bit(64)::bigint);
    END IF;
END;
$$;

CREATE OR REPLACE FUNCTION monay_private.verified_context(
    OUT tenant_id uuid
    , OUT user_id uuid
    , OUT platform boolean
)
    LANGUAGE plpgsql STABLE
AS $$
/* The context if it is the one set_context signed, else nothing (NULL, NULL, false): a
   context forged with SET or set_config opens nothing (monay.context_is_verified). */
BEGIN
    platform := false;
    IF monay.context_is_verified() THEN
        tenant_id := nullif(current_setting('monay.tenant_id', true), '')::uuid;
        user_id := nullif(current_setting('monay.user_id', true), '')::uuid;
        platform := current_setting('monay.platform', true) = 'true';
    END IF;
END;
$$;

-- The check and the readers. The check is written once, below, and compiled into
-- monay.context_is_verified() and into each of the five readers that policies call (so a
-- policy evaluation is one PL/pgSQL call, not three nested ones: with them, a login spent
-- more in calls than in checks). What it says: true when the settings are the ones our
-- set_context signed in this transaction, by the cached digest when it matches
-- (monay.context_cache only says this session has a cache to compare with: forging it
-- leads to a mismatch, where the HMAC decides, or to error 55000 in a session where no
-- context was ever set), else by the HMAC (monay.context_signature_is_valid). The COALESCEs
-- matter: AND goes on past a NULL, and currval must not be called without the marker.
-- Each function is PL/pgSQL (its expression is prepared once per transaction; inlined SQL
-- readers cost more in every statement's ExecInit and EXECUTE checks than they saved),
-- SECURITY INVOKER, with search_path pinned: without it, a reader called alternately by our
-- definers (pg_catalog, pg_temp) and by application statements (their own path) had its
-- cached plan re-analysed at every switch, twice per request. Names, types and operators are
-- schema-qualified all the same. currval is volatile; the readers stay STABLE (within a
-- statement only set_context changes it, as it changes the settings).
DO $do$
DECLARE
    c_verified constant text := $c$CASE
        WHEN COALESCE(pg_catalog.length(pg_catalog.current_setting('monay.context_signature', true))
                      OPERATOR(pg_catalog.<>) 64, true)
            THEN false
        WHEN COALESCE(pg_catalog.current_setting('monay.context_cache', true) OPERATOR(pg_catalog.=) 'on', false)
             AND pg_catalog.int8send(pg_catalog.currval('monay.context_cache_seq'::pg_catalog.regclass))
                 OPERATOR(pg_catalog.=) monay.context_cache_digest(
                     pg_catalog.current_setting('monay.tenant_id', true),
                     pg_catalog.current_setting('monay.user_id', true),
                     pg_catalog.current_setting('monay.platform', true),
                     pg_catalog.current_setting('monay.context_signature', true))
            THEN true
        ELSE monay.context_signature_is_valid()
    END$c$;
    c_platform constant text :=
        $c$COALESCE(pg_catalog.current_setting('monay.platform', true) OPERATOR(pg_catalog.=) 'true', false)$c$;
    c_tenant constant text :=
        $c$NULLIF(pg_catalog.current_setting('monay.tenant_id', true), '')::pg_catalog.uuid$c$;
    v_fn record;
BEGIN
    FOR v_fn IN SELECT * FROM (VALUES
        ('context_is_verified', 'boolean', c_verified,
         'True when the transaction context is the one our set_context signed in this transaction (021).'),
        ('current_tenant_id', 'uuid', format('CASE WHEN %s THEN %s END', c_verified, c_tenant),
         'The tenant of this transaction''s verified context, or NULL.'),
        ('current_user_id', 'uuid',
         format($c$CASE WHEN %s THEN NULLIF(pg_catalog.current_setting('monay.user_id', true), '')::pg_catalog.uuid END$c$,
                c_verified),
         'The authenticated user of this transaction''s verified context, or NULL.'),
        ('is_platform_context', 'boolean', format('CASE WHEN %s THEN %s ELSE false END', c_verified, c_platform),
         'True when monay.set_platform_context() (monay_platform only) signed this transaction.'),
        ('rls_tenant_low', 'uuid',
         format($c$CASE WHEN %s THEN CASE WHEN %s THEN '00000000-0000-0000-0000-000000000000'::pg_catalog.uuid ELSE %s END END$c$,
                c_verified, c_platform, c_tenant),
         'Lower bound of the tenant ids this transaction may see (see rls_tenant_high).'),
        ('rls_tenant_high', 'uuid',
         format($c$CASE WHEN %s THEN CASE WHEN %s THEN 'ffffffff-ffff-ffff-ffff-ffffffffffff'::pg_catalog.uuid ELSE %s END END$c$,
                c_verified, c_platform, c_tenant),
         'Upper bound of the tenant ids this transaction may see (see rls_tenant_low).')
    ) f (name, result, expr, doc) LOOP
        EXECUTE format('CREATE OR REPLACE FUNCTION monay.%I() RETURNS %s LANGUAGE plpgsql STABLE '
                       'SET search_path = pg_catalog, pg_temp AS %L',
                       v_fn.name, v_fn.result,
                       format(E'\n/* %s Generated by migration 021 from its one context check. */\nBEGIN\n    RETURN %s;\nEND;\n',
                              v_fn.doc, v_fn.expr));
    END LOOP;
END
$do$;
COMMENT ON FUNCTION monay.context_is_verified() IS
    'True when the transaction context is the one our set_context signed (cached digest, else HMAC).';

-- ---------------------------------------------------------------------------
-- Grants: the readers run as the querying role now, so it needs the cache and the check.
-- ---------------------------------------------------------------------------

REVOKE ALL ON SEQUENCE monay.context_cache_seq FROM PUBLIC;
GRANT SELECT ON SEQUENCE monay.context_cache_seq TO monay_app, monay_platform, monay_readonly;
REVOKE ALL ON FUNCTION monay.context_cache_digest(text, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION monay.context_signature_is_valid() FROM PUBLIC;
REVOKE ALL ON FUNCTION monay.context_is_verified() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monay.context_cache_digest(text, text, text, text), monay.context_signature_is_valid(),
    monay.context_is_verified()
    TO monay_app, monay_platform, monay_readonly;
