-- The context cache (migration 021): monay.context_is_verified and its helpers. The cache
-- (currval of monay.context_cache_seq, which only set_context can set) must accept exactly
-- what set_context signed in this transaction and nothing an application can write itself:
-- forged settings, a forged cache marker, a context changed with set_config, a context
-- restored by ROLLBACK TO SAVEPOINT after a refused switch, RESET ROLE, a context forged
-- with the previous key after a key rotation, an old token after a JWT secret rotation.
-- (Cross-transaction replay, a fresh session and read-only transactions: tests/test_tenancy_context_cache.py.)
BEGIN;
SELECT plan(35);

SELECT tests.make_tenant('cc_a');
SELECT tests.make_tenant('cc_b');
SELECT tests.make_tenant('cc_c');
SELECT tests.add_member('cc_b', 'cc_a_owner', 'admin');   -- a's owner may switch to b, not to c

CREATE FUNCTION pg_temp.seen() RETURNS text[] LANGUAGE sql AS $$
    SELECT coalesce(array_agg(name ORDER BY name), '{}') FROM monay.tenants
    WHERE id IN (tests.id('cc_a'), tests.id('cc_b'), tests.id('cc_c'))
$$;
GRANT EXECUTE ON FUNCTION pg_temp.seen() TO PUBLIC;

-- Contract
SELECT has_function('monay', 'context_is_verified', '{}'::name[], 'context_is_verified() exists');
SELECT isnt_definer('monay', 'context_is_verified', '{}'::name[], 'context_is_verified is SECURITY INVOKER (it reads no table)');
SELECT is_definer('monay', 'context_signature_is_valid', '{}'::name[], 'the HMAC check (reads the key) is SECURITY DEFINER');
SELECT isnt_definer('monay', 'rls_tenant_low', '{}'::name[], 'rls_tenant_low is SECURITY INVOKER now');
SELECT ok(NOT has_sequence_privilege('monay_app', 'monay.context_cache_seq', 'UPDATE')
          AND NOT has_sequence_privilege('monay_app', 'monay.context_cache_seq', 'USAGE')
          AND NOT has_sequence_privilege('monay_platform', 'monay.context_cache_seq', 'UPDATE')
          AND NOT has_sequence_privilege('monay_platform', 'monay.context_cache_seq', 'USAGE'),
          'no application role may setval or nextval the cache sequence');
SELECT ok(NOT has_sequence_privilege('public', 'monay.context_cache_seq', 'SELECT'), 'PUBLIC cannot even read it');
SELECT ok((SELECT c.relpersistence = 'u' FROM pg_class c WHERE c.oid = 'monay.context_cache_seq'::regclass),
          'the cache sequence is UNLOGGED (no WAL, no transaction id per login)');

-- The cache path is taken and agrees with the HMAC
SELECT tests.act_as('cc_a');
SELECT is(current_setting('monay.context_cache', true), 'on', 'set_context marks the cache');
SELECT is(int8send(currval('monay.context_cache_seq')),
          monay.context_cache_digest(current_setting('monay.tenant_id'), current_setting('monay.user_id'),
                                     current_setting('monay.platform'), current_setting('monay.context_signature')),
          'the cache holds the digest of the signed context');
SELECT ok(monay.context_is_verified() AND monay.context_signature_is_valid(), 'cache and HMAC agree on a real context');
SELECT is(pg_temp.seen(), ARRAY['cc_a'], 'tenant a sees itself only');

-- Settings half there (only a signature of the right length): false, not NULL
SELECT tests.act_as_nobody();
SET LOCAL ROLE monay_app;
SELECT set_config('monay.context_signature', repeat('a', 64), true), set_config('monay.tenant_id', '', true);
SELECT is(monay.context_is_verified(), false, 'a lone signature: false (never NULL)');
SELECT tests.act_as('cc_a');

-- An application role cannot write the cache
SELECT throws_ok($$ SELECT setval('monay.context_cache_seq', 1) $$, '42501', NULL, 'monay_app cannot setval the cache');
SELECT throws_ok($$ SELECT nextval('monay.context_cache_seq') $$, '42501', NULL, 'monay_app cannot nextval the cache');

-- Forged settings with the marker set by hand
SELECT tests.act_as_forger('cc_b');
SELECT set_config('monay.context_cache', 'on', true);
SELECT is(monay.current_tenant_id(), NULL, 'forged settings + forged marker: no tenant');
SELECT is(pg_temp.seen(), '{}'::text[], 'forged settings + forged marker: no rows');

-- A real context changed with set_config, marker still on: the cache does not match
SELECT tests.act_as('cc_a');
SELECT set_config('monay.tenant_id', tests.id('cc_c')::text, true);
SELECT is(monay.current_tenant_id(), NULL, 'tenant changed with set_config under a live cache: no tenant');
SELECT is(pg_temp.seen(), '{}'::text[], '... and no rows (of c nor a)');
SELECT tests.act_as('cc_a');
SELECT set_config('monay.platform', 'true', true);
SELECT is(monay.rls_tenant_high(), NULL, 'platform flag flipped under a live cache: no range');
SELECT tests.act_as('cc_a');
SELECT set_config('monay.context_signature', repeat('f', 64), true);
SELECT is(monay.current_user_id(), NULL, 'signature replaced under a live cache: no user');

-- A digest the attacker computes himself changes nothing: he cannot put it in currval
SELECT tests.act_as('cc_a');
SELECT set_config('monay.tenant_id', tests.id('cc_c')::text, true);
SELECT ok(monay.context_cache_digest(current_setting('monay.tenant_id'), current_setting('monay.user_id'),
                                     current_setting('monay.platform'), current_setting('monay.context_signature'))
          IS DISTINCT FROM int8send(currval('monay.context_cache_seq')) AND NOT monay.context_is_verified(),
          'the digest of forged settings is computable but never the cached one');

-- SAVEPOINT / ROLLBACK TO: a refused switch leaves the cache on the refused context (set
-- before the membership check); the restored context is then checked by the HMAC, and the
-- refused one cannot be claimed without its signature.
SELECT tests.act_as('cc_a');
SAVEPOINT before_switch;
SELECT throws_ok($$ SELECT monay.switch_tenant(tests.id('cc_c')) $$, 'MT204', NULL, 'switch to a non-member tenant refused');
ROLLBACK TO SAVEPOINT before_switch;
SELECT is(monay.current_tenant_id(), tests.id('cc_a'), 'after ROLLBACK TO the previous context holds (HMAC path)');
SELECT ok(int8send(currval('monay.context_cache_seq')) IS DISTINCT FROM
          monay.context_cache_digest(current_setting('monay.tenant_id'), current_setting('monay.user_id'),
                                     current_setting('monay.platform'), current_setting('monay.context_signature')),
          '... while the cache still holds the refused context (so the HMAC decided)');
SELECT set_config('monay.tenant_id', tests.id('cc_c')::text, true);
SELECT is(pg_temp.seen(), '{}'::text[], 'claiming the refused tenant with the old signature opens nothing');
SELECT tests.act_as('cc_a');
SAVEPOINT s2;
SELECT monay.switch_tenant(tests.id('cc_b'));
SELECT is(pg_temp.seen(), ARRAY['cc_b'], 'a switch inside a savepoint: b only');
ROLLBACK TO SAVEPOINT s2;
SELECT is(pg_temp.seen(), ARRAY['cc_a'], 'rolled back: a only again');

-- switch_tenant, then the old token's context is gone (the cache follows the switch)
SELECT tests.act_as('cc_a');
SELECT monay.switch_tenant(tests.id('cc_b'));
SELECT is(pg_temp.seen(), ARRAY['cc_b'], 'after switch_tenant: b only, a is not seen through a stale cache');

-- RESET ROLE and back: the role does not widen or void the context
SELECT tests.act_as('cc_a');
RESET ROLE;
SET LOCAL ROLE monay_app;
SELECT is(pg_temp.seen(), ARRAY['cc_a'], 'RESET ROLE then the app role again: still a only');
SET LOCAL ROLE monay_platform;
SELECT is(pg_temp.seen(), ARRAY['cc_a'], 'another of our roles reading the same context: still a only');

-- Key rotation mid-transaction: a context forged with the previous key opens nothing, the
-- context set_context signed before the rotation stays this transaction's.
SELECT tests.act_as('cc_a');
RESET ROLE;
CREATE TEMP TABLE cc_old_key ON COMMIT DROP AS SELECT signing_key FROM monay_private.context_key;
UPDATE monay_private.context_key SET signing_key = gen_random_bytes(32);
SET LOCAL ROLE monay_app;
SELECT is(pg_temp.seen(), ARRAY['cc_a'], 'the context signed before a key rotation holds for its transaction (cache)');
RESET ROLE;
SELECT set_config('monay.tenant_id', tests.id('cc_c')::text, true),
       set_config('monay.context_signature', encode(hmac(convert_to(
           tests.id('cc_c')::text || '|' || current_setting('monay.user_id') || '|false|' || pg_backend_pid()
           || '|' || EXTRACT(epoch FROM transaction_timestamp()), 'UTF8'), (SELECT signing_key FROM cc_old_key), 'sha256'), 'hex'), true);
SET LOCAL ROLE monay_app;
SELECT is(pg_temp.seen(), '{}'::text[], 'a context forged with the previous key after the rotation opens nothing');
RESET ROLE;
SELECT set_config('monay.context_signature', encode(hmac(convert_to(
           tests.id('cc_c')::text || '|' || current_setting('monay.user_id') || '|false|' || pg_backend_pid()
           || '|' || EXTRACT(epoch FROM transaction_timestamp()), 'UTF8'), (SELECT signing_key FROM monay_private.context_key), 'sha256'), 'hex'), true);
SET LOCAL ROLE monay_app;
SELECT is(pg_temp.seen(), ARRAY['cc_c'], '(control: the same forgery with the current key is accepted, so the test can fail)');

-- JWT secret rotation mid-transaction: no verified token is cached, the old token is refused
SELECT tests.act_as('cc_a');
RESET ROLE;
UPDATE monay_private.jwt_secrets SET retired_at = now() - interval '1 second' WHERE retired_at IS NULL;
INSERT INTO monay_private.jwt_secrets (secret) VALUES (convert_to('cc-another-secret-0123456789abcdef0123', 'UTF8'));
SELECT throws_ok($$ SELECT tests.act_as('cc_a') $$, 'MT201', NULL,
                 'after a JWT secret rotation the old secret''s token is refused in the same transaction');
SET LOCAL ROLE monay_app;
SELECT is(pg_temp.seen(), ARRAY['cc_a'], '(the refusal left the previous context as it was)');
SELECT * FROM finish();
ROLLBACK;
