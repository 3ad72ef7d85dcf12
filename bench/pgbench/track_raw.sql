-- Baseline of cases 1 and 2: one plain INSERT of the same row into a table
-- with the same columns, primary key and monthly partitions (no RLS, no
-- trigger, no function), in its own transaction.
\set n random(1, :tenants)
INSERT INTO monay_bench.raw_operations (tenant_id, operation_type, quantity, computation_units, transactions,
                                        cost_millicents, billing_period, idempotency_key)
VALUES ((SELECT t.tenant_id FROM monay_bench.tokens t WHERE t.n = :n), 'transfer', 1, 1, 1, 100,
        date_trunc('month', now())::date, gen_random_uuid()::text);
