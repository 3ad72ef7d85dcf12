-- Baseline of case 4: the same round trip and token lookup, without authenticate.
\set n random(1, :tenants)
SELECT (SELECT t.token FROM monay_bench.tokens t WHERE t.n = :n);
