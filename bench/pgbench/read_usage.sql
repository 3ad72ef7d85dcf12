-- Case 3, reads: a tenant (picked at random among the first :tenants) asks
-- for its usage against its limits this month.
\set n random(1, :tenants)
BEGIN;
SELECT monay.authenticate((SELECT t.token FROM monay_bench.tokens t WHERE t.n = :n));
SELECT monay.calculate_tenant_usage((SELECT t.tenant_id FROM monay_bench.tokens t WHERE t.n = :n));
COMMIT;
