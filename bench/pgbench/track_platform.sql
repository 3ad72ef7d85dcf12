-- Cases 1 and 2, ingestion by a platform worker (monay_platform): the cheaper
-- platform context instead of a JWT, then the same monay.track_operation.
\set n random(1, :tenants)
BEGIN;
SELECT monay.set_platform_context();
SELECT monay.track_operation((SELECT t.tenant_id FROM monay_bench.tokens t WHERE t.n = :n),
                             'transfer', 1, gen_random_uuid()::text);
COMMIT;
