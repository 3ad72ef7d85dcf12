-- monay_private.idempotency_claim_batch: the set-based form of the idempotency claim, for
-- track_operations' batches. Internal (only monay_owner may execute it): called as the owner
-- (tests.act_as_definer) inside a tenant's context; through track_operations in its own tests
-- and in tests/test_billing_concurrency.py (overlapping batches, no deadlock).
BEGIN;
SELECT plan(14);

SELECT tests.billing_tenant('a', 'enterprise');
SELECT tests.billing_tenant('b', 'enterprise');

SELECT has_function('monay_private', 'idempotency_claim_batch',
                    ARRAY['text', 'uuid', 'text[]', 'text[]', 'bigint[]', 'timestamp with time zone[]', 'text'],
                    'idempotency_claim_batch(scope, owner, keys, fingerprints, ref_ids, ref_ats, sqlstate) exists');
SELECT isnt_definer('monay_private', 'idempotency_claim_batch',
                    ARRAY['text', 'uuid', 'text[]', 'text[]', 'bigint[]', 'timestamp with time zone[]', 'text'],
                    'idempotency_claim_batch is SECURITY INVOKER');
SELECT ok(NOT has_function_privilege('monay_app', 'monay_private.idempotency_claim_batch(text, uuid, text[], text[], bigint[], timestamptz[], text)', 'EXECUTE')
          AND NOT has_function_privilege('monay_platform', 'monay_private.idempotency_claim_batch(text, uuid, text[], text[], bigint[], timestamptz[], text)', 'EXECUTE'),
          'neither monay_app nor monay_platform can execute it');

SELECT tests.act_as('a');
SELECT tests.act_as_definer();

-- A batch: keys k1, (none), k2, k1 again; every key new.
SELECT results_eq(
    $$ SELECT claim_key, claimed, ref_id FROM monay_private.idempotency_claim_batch('operation', tests.id('a'),
           ARRAY['k1', NULL, 'k2', 'k1'], ARRAY['api_call|1', 'api_call|1', 'transfer|2', 'api_call|1'],
           ARRAY[11, 12, 13, 14]::bigint[], ARRAY[now(), now(), now(), now()], 'MT406') ORDER BY 1 $$,
    $$ VALUES ('k1', true, 11::bigint), ('k2', true, 13::bigint) $$,
    'one row per distinct key, claimed by its first operation in the batch');
SELECT is((SELECT array_agg((idempotency_key, operation_id)::text ORDER BY idempotency_key)
           FROM monay_private.billing_idempotency_keys WHERE tenant_id = tests.id('a') AND response IS NULL),
          ARRAY['(k1,11)', '(k2,13)'], 'each key stored once, with its first operation''s id, no response');

-- A second batch: k2 again (same request), k3 new.
SELECT results_eq(
    $$ SELECT claim_key, claimed, ref_id FROM monay_private.idempotency_claim_batch('operation', tests.id('a'),
           ARRAY['k3', 'k2'], ARRAY['api_call|1', 'transfer|2'], ARRAY[21, 22]::bigint[], ARRAY[now(), now()], 'MT406')
       ORDER BY 1 $$,
    $$ VALUES ('k2', false, 13::bigint), ('k3', true, 21::bigint) $$,
    'a key claimed before is reported with the first claim''s operation id');

-- Keys stored before migration 020: the operation id comes from the stored response.
INSERT INTO monay_private.billing_idempotency_keys (tenant_id, scope, idempotency_key, fingerprint, response)
VALUES (tests.id('a'), 'operation', 'old', 'api_call|1', '{"operation_id": 7}');
SELECT results_eq(
    $$ SELECT claim_key, claimed, ref_id FROM monay_private.idempotency_claim_batch('operation', tests.id('a'),
           ARRAY['old'], ARRAY['api_call|1'], ARRAY[31]::bigint[], ARRAY[now()], 'MT406') $$,
    $$ VALUES ('old', false, 7::bigint) $$, 'a key stored with its response: the response''s operation id');

-- MT406: inside the batch, and against an earlier claim; nothing of the batch is claimed.
SELECT throws_ok($$ SELECT * FROM monay_private.idempotency_claim_batch('operation', tests.id('a'),
                        ARRAY['n1', 'n1'], ARRAY['api_call|1', 'api_call|2'], ARRAY[41, 42]::bigint[],
                        ARRAY[now(), now()], 'MT406') $$,
                 'MT406', NULL, 'one key for two requests in one batch raises the caller''s code (MT406)');
SELECT throws_ok($$ SELECT * FROM monay_private.idempotency_claim_batch('operation', tests.id('a'),
                        ARRAY['n2', 'k1'], ARRAY['api_call|1', 'transfer|9'], ARRAY[51, 52]::bigint[],
                        ARRAY[now(), now()], 'MT406') $$,
                 'MT406', NULL, 'a key claimed before for another request raises MT406');
SELECT is((SELECT count(*) FROM monay_private.billing_idempotency_keys WHERE idempotency_key IN ('n1', 'n2')), 0::bigint,
          'a refused batch claims nothing (the statement is undone)');

-- Another tenant: its own key space.
SELECT tests.act_as('b');
SELECT tests.act_as_definer();
SELECT results_eq(
    $$ SELECT claim_key, claimed, ref_id FROM monay_private.idempotency_claim_batch('operation', tests.id('b'),
           ARRAY['k1'], ARRAY['transfer|5'], ARRAY[61]::bigint[], ARRAY[now()], 'MT406') $$,
    $$ VALUES ('k1', true, 61::bigint) $$, 'tenant b claims a''s key for another request: keys are per tenant');

-- Bad input: 22023.
SELECT throws_ok($$ SELECT * FROM monay_private.idempotency_claim_batch('payment', tests.id('b'),
                        ARRAY['x'], ARRAY['f'], ARRAY[1]::bigint[], ARRAY[now()], 'MT406') $$,
                 '22023', NULL, 'only scope operation (22023)');
SELECT throws_ok($$ SELECT * FROM monay_private.idempotency_claim_batch('operation', tests.id('b'),
                        ARRAY['x', 'y'], ARRAY['f'], ARRAY[1]::bigint[], ARRAY[now()], 'MT406') $$,
                 '22023', NULL, 'arrays of different lengths (22023)');
SELECT throws_ok($$ SELECT * FROM monay_private.idempotency_claim_batch('operation', NULL,
                        ARRAY['x'], ARRAY['f'], ARRAY[1]::bigint[], ARRAY[now()], 'MT406') $$,
                 '22023', NULL, 'a NULL owner (22023)');

SELECT * FROM finish();
ROLLBACK;
