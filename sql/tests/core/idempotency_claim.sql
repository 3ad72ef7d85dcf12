-- monay_private.idempotency_claim: the one idempotency claim of track_operation,
-- process_payment and create_tenant (issue 9 item 1). Internal (only monay_owner may execute
-- it): called here as the owner (tests.act_as_definer, as its SECURITY DEFINER callers run it)
-- inside a tenant's or the platform's context; through the public functions in their own tests
-- (track_operation, process_payment, create_tenant, tests/test_billing_concurrency.py).
BEGIN;
SELECT plan(22);

SELECT tests.billing_tenant('a', 'enterprise');
SELECT tests.billing_tenant('b', 'enterprise');
SELECT tests.make_user('u');
SELECT tests.make_user('v');

SELECT has_function('monay_private', 'idempotency_claim',
                    ARRAY['text', 'uuid', 'text', 'text', 'text', 'bigint', 'timestamp with time zone', 'uuid'],
                    'idempotency_claim(scope, owner, key, fingerprint, sqlstate, ref_id, ref_at, ref_uuid) exists');
SELECT isnt_definer('monay_private', 'idempotency_claim',
                    ARRAY['text', 'uuid', 'text', 'text', 'text', 'bigint', 'timestamp with time zone', 'uuid'],
                    'idempotency_claim is SECURITY INVOKER (its callers are the definers)');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.idempotency_claim(text, uuid, text, text, text, bigint, timestamptz, uuid)', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.idempotency_claim(text, uuid, text, text, text, bigint, timestamptz, uuid)', 'EXECUTE'),
          'neither monay_app nor monay_platform can execute it');

SELECT tests.act_as('a');
SELECT tests.act_as_definer();

-- Operations: the first claim wins and stores the operation's id and time, not a response.
SELECT is((monay_private.idempotency_claim('operation', tests.id('a'), 'k1', 'transfer|1', 'MT406',
                                           41, '2026-01-02 03:04:05+00')).claimed, true, 'a new key is claimed');
SELECT is((SELECT (operation_id, occurred_at, response IS NULL)::text FROM monay_private.billing_idempotency_keys
           WHERE tenant_id = tests.id('a') AND scope = 'operation' AND idempotency_key = 'k1'),
          '(41,"2026-01-02 03:04:05+00",t)', 'the key stores the operation id and occurred_at, no response');
SELECT is((SELECT (claimed, prior_ref_id, prior_ref_at, prior_response IS NULL)::text
           FROM monay_private.idempotency_claim('operation', tests.id('a'), 'k1', 'transfer|1', 'MT406', 99, now())),
          '(f,41,"2026-01-02 03:04:05+00",t)', 'the same key and request: not claimed, the first claim''s references');
SELECT throws_ok($$ SELECT monay_private.idempotency_claim('operation', tests.id('a'), 'k1', 'transfer|2', 'MT406', 99, now()) $$,
                 'MT406', NULL, 'the same key with another fingerprint raises the caller''s code (MT406)');
SELECT throws_like($$ SELECT monay_private.idempotency_claim('operation', tests.id('a'), 'k1', 'transfer|2', 'MT406', 99, now()) $$,
                   '%''k1''%transfer|1%transfer|2%', 'the message names the key and both requests');
SELECT is((monay_private.idempotency_claim('payment', tests.id('a'), 'k1', '100|USDC', 'MT406')).claimed, true,
          'scopes are separate: a payment may use an operation''s key');

-- Keys stored before migration 020 (a response, no operation id) still replay their response.
INSERT INTO monay_private.billing_idempotency_keys (tenant_id, scope, idempotency_key, fingerprint, response)
VALUES (tests.id('a'), 'operation', 'old', 'api_call|1', '{"operation_id": 7, "duplicate": false}');
SELECT is((monay_private.idempotency_claim('operation', tests.id('a'), 'old', 'api_call|1', 'MT406', 8, now())).prior_response,
          '{"operation_id": 7, "duplicate": false}'::jsonb, 'a key stored with its response returns it');

-- Another tenant: its own key space; it sees nothing of a's.
SELECT tests.act_as('b');
SELECT tests.act_as_definer();
SELECT is((monay_private.idempotency_claim('operation', tests.id('b'), 'k1', 'transfer|2', 'MT406', 50, now())).claimed, true,
          'tenant b claims the same key for another request: no MT406, keys are per tenant');
SELECT is((SELECT count(*) FROM monay_private.billing_idempotency_keys WHERE idempotency_key = 'k1'), 3::bigint,
          'a''s two claims and b''s own');

-- Tenant creation: per owner user, the tenant id it stands for, the caller's code (MT307).
SELECT tests.act_as_platform();
SELECT tests.act_as_definer();
SELECT is((monay_private.idempotency_claim('tenant', tests.user_id('u'), 'req', 'sha-1', 'MT307', p_ref_uuid => tests.id('a'))).claimed,
          true, 'a tenant-creation key is claimed');
SELECT is((SELECT (claimed, prior_ref_uuid)::text
           FROM monay_private.idempotency_claim('tenant', tests.user_id('u'), 'req', 'sha-1', 'MT307', p_ref_uuid => tests.id('b'))),
          format('(f,%s)', tests.id('a')), 'the same request: the tenant the first claim created');
SELECT throws_ok($$ SELECT monay_private.idempotency_claim('tenant', tests.user_id('u'), 'req', 'sha-2', 'MT307',
                                                           p_ref_uuid => tests.id('b')) $$,
                 'MT307', NULL, 'another request under the same key raises the caller''s code (MT307)');
SELECT is((monay_private.idempotency_claim('tenant', tests.user_id('v'), 'req', 'sha-2', 'MT307', p_ref_uuid => tests.id('b'))).claimed,
          true, 'another owner''s key space is its own');

-- Bad input: 22023, nothing claimed.
SELECT throws_ok($$ SELECT monay_private.idempotency_claim('order', tests.id('a'), 'z', 'f', 'MT406') $$,
                 '22023', NULL, 'an unknown scope is refused (22023)');
SELECT throws_ok($$ SELECT monay_private.idempotency_claim('operation', NULL, 'z', 'f', 'MT406') $$,
                 '22023', NULL, 'a NULL owner is refused (22023)');
SELECT throws_ok($$ SELECT monay_private.idempotency_claim('operation', tests.id('a'), NULL, 'f', 'MT406') $$,
                 '22023', NULL, 'a NULL key is refused (22023)');
SELECT throws_ok($$ SELECT monay_private.idempotency_claim('operation', tests.id('a'), 'z', NULL, 'MT406') $$,
                 '22023', NULL, 'a NULL fingerprint is refused (22023)');
SELECT throws_ok($$ SELECT monay_private.idempotency_claim('operation', tests.id('a'), 'z', 'f', '42501') $$,
                 '22023', NULL, 'a sqlstate that is not ours (MTnnn) is refused (22023)');
SELECT is((SELECT count(*) FROM monay_private.billing_idempotency_keys WHERE idempotency_key = 'z'), 0::bigint,
          'nothing was claimed by the refused calls');

SELECT * FROM finish();
ROLLBACK;
