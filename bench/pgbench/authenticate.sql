-- Case 4, context: authenticate with the pre-minted token of a random tenant's
-- owner (one statement, its own transaction, as an API request would).
\set n random(1, :tenants)
SELECT monay.authenticate((SELECT t.token FROM monay_bench.tokens t WHERE t.n = :n));
