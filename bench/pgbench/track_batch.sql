-- Cases 1 and 2, batched ingestion: one API request that records :batch
-- operations (api_call, each with its idempotency key) for a tenant picked at
-- random among the first :tenants, through monay.track_operations.
\set n random(1, :tenants)
BEGIN;
SELECT monay.authenticate((SELECT t.token FROM monay_bench.tokens t WHERE t.n = :n));
SELECT monay.track_operations((SELECT t.tenant_id FROM monay_bench.tokens t WHERE t.n = :n),
    (SELECT jsonb_agg(jsonb_build_object('operation_type', 'api_call', 'idempotency_key', gen_random_uuid()::text))
     FROM generate_series(1, :batch)));
COMMIT;
