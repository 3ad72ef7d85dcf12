-- Case 5, raw PostgreSQL: the same reads with the explicit tenant filter as a
-- role that bypasses RLS (the superuser), no context at all.
\set n random(:lo, :hi)
BEGIN;
SELECT 1;
SELECT count(*), sum(quantity), sum(computation_units), sum(cost_millicents) FROM monay.billing_operations WHERE tenant_id = (SELECT t.tenant_id FROM monay_bench.tokens t WHERE t.n = :n) AND occurred_at >= date_trunc('month', now()) AND occurred_at < date_trunc('month', now()) + interval '1 month';
SELECT id, operation_type, quantity, occurred_at FROM monay.billing_operations WHERE tenant_id = (SELECT t.tenant_id FROM monay_bench.tokens t WHERE t.n = :n) AND occurred_at >= date_trunc('month', now()) AND occurred_at < date_trunc('month', now()) + interval '1 month' ORDER BY occurred_at DESC LIMIT 50;
COMMIT;
