-- Case 4, context switching: a user of two tenants authenticates in the first
-- and switches to the second, in one transaction.
\set n 1 + 2 * random(0, :pairs - 1)
BEGIN;
SELECT monay.authenticate((SELECT t.token FROM monay_bench.tokens t WHERE t.n = :n));
SELECT monay.switch_tenant((SELECT t.other_tenant_id FROM monay_bench.tokens t WHERE t.n = :n));
COMMIT;
