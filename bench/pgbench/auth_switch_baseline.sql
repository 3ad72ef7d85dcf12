-- Baseline of auth_switch: the same transaction and lookups, without our functions.
\set n 1 + 2 * random(0, :pairs - 1)
BEGIN;
SELECT (SELECT t.token FROM monay_bench.tokens t WHERE t.n = :n);
SELECT (SELECT t.other_tenant_id FROM monay_bench.tokens t WHERE t.n = :n);
COMMIT;
