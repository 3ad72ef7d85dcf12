-- Cases 1 and 2, ingestion: the API request that records one operation for a
-- tenant picked at random among the first :tenants (1 for case 1):
-- authenticate as its owner, then monay.track_operation with an idempotency key.
\set n random(1, :tenants)
BEGIN;
SELECT monay.authenticate((SELECT t.token FROM monay_bench.tokens t WHERE t.n = :n));
SELECT monay.track_operation((SELECT t.tenant_id FROM monay_bench.tokens t WHERE t.n = :n),
                             'transfer', 1, gen_random_uuid()::text);
COMMIT;
