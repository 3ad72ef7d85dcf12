-- Case 3, reads: a tenant (picked at random among the first :tenants) asks
-- for its bill of the current month (a draft, computed from the counters).
\set n random(1, :tenants)
BEGIN;
SELECT monay.authenticate((SELECT t.token FROM monay_bench.tokens t WHERE t.n = :n));
SELECT monay.calculate_tenant_billing((SELECT t.tenant_id FROM monay_bench.tokens t WHERE t.n = :n),
                                      date_trunc('month', now())::date);
COMMIT;
