-- Case 5, RLS overhead, under RLS: the application role authenticated as
-- tenant :n's owner reads a month of its operations (a summary and the
-- latest page); row-level security alone picks the tenant's rows.
\set n random(:lo, :hi)
BEGIN;
SELECT monay.authenticate((SELECT t.token FROM monay_bench.tokens t WHERE t.n = :n));
SELECT count(*), sum(quantity), sum(computation_units), sum(cost_millicents) FROM monay.billing_operations WHERE occurred_at >= date_trunc('month', now()) AND occurred_at < date_trunc('month', now()) + interval '1 month';
SELECT id, operation_type, quantity, occurred_at FROM monay.billing_operations WHERE occurred_at >= date_trunc('month', now()) AND occurred_at < date_trunc('month', now()) + interval '1 month' ORDER BY occurred_at DESC LIMIT 50;
COMMIT;
