-- Case 5, the same reads by the platform role (platform context, where the
-- policy admits every tenant) with an explicit tenant filter.
\set n random(:lo, :hi)
BEGIN;
SELECT monay.set_platform_context();
SELECT count(*), sum(quantity), sum(computation_units), sum(cost_millicents) FROM monay.billing_operations WHERE tenant_id = (SELECT t.tenant_id FROM monay_bench.tokens t WHERE t.n = :n) AND occurred_at >= date_trunc('month', now()) AND occurred_at < date_trunc('month', now()) + interval '1 month';
SELECT id, operation_type, quantity, occurred_at FROM monay.billing_operations WHERE tenant_id = (SELECT t.tenant_id FROM monay_bench.tokens t WHERE t.n = :n) AND occurred_at >= date_trunc('month', now()) AND occurred_at < date_trunc('month', now()) + interval '1 month' ORDER BY occurred_at DESC LIMIT 50;
COMMIT;
