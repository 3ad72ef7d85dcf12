-- Baseline of the batched ingestion: the same :batch rows in one plain
-- multi-row INSERT ... SELECT into monay_bench.raw_operations.
\set n random(1, :tenants)
INSERT INTO monay_bench.raw_operations (tenant_id, operation_type, quantity, computation_units, transactions,
                                        cost_millicents, billing_period, idempotency_key)
SELECT (SELECT t.tenant_id FROM monay_bench.tokens t WHERE t.n = :n), 'api_call', 1, 1, 0, 1,
       date_trunc('month', now())::date, gen_random_uuid()::text
FROM generate_series(1, :batch);
